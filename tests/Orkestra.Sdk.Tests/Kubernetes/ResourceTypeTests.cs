using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Kubernetes;

public class ResourceTypeTests
{
    [Fact]
    public void Core_group_api_version_is_the_version()
    {
        var type = new ResourceType("", "v1", "ConfigMap", "configmaps");
        Assert.Equal("v1", type.ApiVersion);
        Assert.True(type.Namespaced);
        Assert.Equal(ResourceSubresources.None, type.Subresources);
        Assert.Null(type.Singular);
    }

    [Fact]
    public void Grouped_api_version_is_group_slash_version()
    {
        var type = new ResourceType("example.com", "v1alpha1", "Website", "websites")
        {
            Singular = "website",
            Subresources = ResourceSubresources.Status | ResourceSubresources.Scale,
        };
        Assert.Equal("example.com/v1alpha1", type.ApiVersion);
        Assert.Equal("apps/v1", new ResourceType("apps", "v1", "Deployment", "deployments").ApiVersion);
        Assert.True(type.Subresources.HasFlag(ResourceSubresources.Scale));
    }

    [Fact]
    public void Records_compare_by_value()
    {
        Assert.Equal(
            new ResourceType("", "v1", "Namespace", "namespaces") { Namespaced = false },
            new ResourceType("", "v1", "Namespace", "namespaces") { Namespaced = false });
        Assert.NotEqual(
            new ResourceType("", "v1", "Namespace", "namespaces") { Namespaced = false },
            new ResourceType("", "v1", "Namespace", "namespaces"));
    }

    [Fact]
    public void Required_parts_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new ResourceType(null!, "v1", "A", "as"));
        Assert.ThrowsAny<ArgumentException>(() => new ResourceType("", "", "A", "as"));
        Assert.ThrowsAny<ArgumentException>(() => new ResourceType("", "v1", "", "as"));
        Assert.ThrowsAny<ArgumentException>(() => new ResourceType("", "v1", "A", ""));
    }

    [Fact]
    public void Providers_give_their_type_without_reflection()
    {
        Assert.Equal("tests.orkestra.dev/v1", ApiVersionOf<CustomResourceTests.TestWebsite>());
        Assert.Equal("testwebsites", PluralOf<CustomResourceTests.TestWebsite>());
    }

    private static string ApiVersionOf<T>()
        where T : IResourceTypeProvider => T.ResourceType.ApiVersion;

    private static string PluralOf<T>()
        where T : IResourceTypeProvider => T.ResourceType.Plural;
}
