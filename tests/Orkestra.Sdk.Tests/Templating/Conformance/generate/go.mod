module orkestra.sdk/templating/conformance/generate

go 1.19
