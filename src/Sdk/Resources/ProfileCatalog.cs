using System.Text.Json.Nodes;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Resources;

/// <summary>
/// The named profiles resource items refer to (<c>resources: {profile: burst}</c>): the built-in ones of each class
/// and the katalog's own (<c>profiles.&lt;class&gt;</c>, with those of the motifs it imports), which win over a
/// built-in of the same name.
/// </summary>
internal sealed partial class ProfileCatalog
{
    // class -> name -> definition. Built-ins are registered by each group of kinds from its own file.
    private static readonly Dictionary<string, Dictionary<string, JsonObject>> BuiltIns = CreateBuiltIns();

    // The katalog's own profiles, kept as written: their values may be templates, rendered for each CR.
    private readonly Dictionary<string, Dictionary<string, UserProfile>> _user;

    private ProfileCatalog(Dictionary<string, Dictionary<string, UserProfile>> user) => _user = user;

    /// <summary>The profiles <paramref name="entry"/> of <paramref name="katalog"/> sees.</summary>
    public static ProfileCatalog For(KatalogDocument katalog, CrdEntry entry)
    {
        var user = new Dictionary<string, Dictionary<string, UserProfile>>(StringComparer.Ordinal);
        foreach (var source in KatalogFunctions.Sources(katalog, entry).Concat(entry.Motifs.Select(m => m.Node)))
        {
            if (source["profiles"] is not YamlMapping profiles)
            {
                continue;
            }

            foreach (var profileClass in profiles.Entries)
            {
                if (profileClass.Value is not YamlMapping definitions)
                {
                    continue;
                }

                if (!user.TryGetValue(profileClass.Name, out var named))
                {
                    user[profileClass.Name] = named = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
                }

                foreach (var definition in definitions.Entries)
                {
                    if (!named.ContainsKey(definition.Name) && definition.Value is YamlMapping body)
                    {
                        named[definition.Name] = new UserProfile(body, "profiles." + profileClass.Name + "." + definition.Name);
                    }
                }
            }
        }

        return new ProfileCatalog(user);
    }

    /// <summary>
    /// The profile <paramref name="name"/> of <paramref name="profileClass"/>: the katalog's own first (as written,
    /// to be rendered), then a built-in one, whose names match regardless of case as upstream's do (<c>Burst</c> is
    /// <c>burst</c>). Null when there is none.
    /// </summary>
    public (UserProfile? User, JsonObject? BuiltIn) Find(string profileClass, string name)
    {
        if (_user.TryGetValue(profileClass, out var user) && user.TryGetValue(name, out var own))
        {
            return (own, null);
        }

        if (BuiltIns.TryGetValue(profileClass, out var builtIn)
            && (builtIn.TryGetValue(name, out var standard) || builtIn.TryGetValue(name.ToLowerInvariant(), out standard)))
        {
            return (null, standard);
        }

        return (null, null);
    }

    /// <summary>The names of the profiles of <paramref name="profileClass"/>, sorted.</summary>
    public IReadOnlyList<string> Names(string profileClass) =>
        (_user.TryGetValue(profileClass, out var user) ? user.Keys : Enumerable.Empty<string>())
            .Concat(BuiltIns.TryGetValue(profileClass, out var builtIn) ? builtIn.Keys : Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    /// <summary>The built-in profiles of <paramref name="profileClass"/>, by name (for documentation and tests).</summary>
    public static IReadOnlyDictionary<string, JsonObject> BuiltInsOf(string profileClass) =>
        BuiltIns.TryGetValue(profileClass, out var named) ? named : new Dictionary<string, JsonObject>();

    /// <summary>Adds built-in profiles of <paramref name="profileClass"/> written as JSON (<c>{"burst": {...}}</c>).</summary>
    private static void Add(Dictionary<string, Dictionary<string, JsonObject>> builtIns, string profileClass, string json)
    {
        if (!builtIns.TryGetValue(profileClass, out var named))
        {
            builtIns[profileClass] = named = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        foreach (var pair in JsonNode.Parse(json)!.AsObject())
        {
            named[pair.Key] = (JsonObject)pair.Value!.DeepClone();
        }
    }

    private static Dictionary<string, Dictionary<string, JsonObject>> CreateBuiltIns()
    {
        var builtIns = new Dictionary<string, Dictionary<string, JsonObject>>(StringComparer.Ordinal);
        AddWorkloadProfiles(builtIns);
        AddNetworkingProfiles(builtIns);
        AddPolicyProfiles(builtIns);
        return builtIns;
    }

    static partial void AddWorkloadProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns);

    static partial void AddNetworkingProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns);

    static partial void AddPolicyProfiles(Dictionary<string, Dictionary<string, JsonObject>> builtIns);
}

/// <summary>A profile the katalog (or a motif) defines, as written, with its path for messages.</summary>
internal sealed record UserProfile(YamlMapping Node, string Path);
