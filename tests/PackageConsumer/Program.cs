// The consumer only has to build: the generator checks katalog.yaml and crd.yaml at compile time.
Console.WriteLine("shop operator");
