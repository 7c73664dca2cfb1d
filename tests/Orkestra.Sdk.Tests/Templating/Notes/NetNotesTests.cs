using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

public class NetNotesTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("192.168.0.0/16", "10.0.0.1", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.0.0.5/32", "10.0.0.5", true)]
    [InlineData("10.0.0.5/32", "10.0.0.6", false)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("bad-cidr", "10.0.0.1", false)]
    [InlineData("10.0.0.0", "10.0.0.1", false)]
    [InlineData("10.0.0.0/33", "10.0.0.1", false)]
    [InlineData("10.0.0.0/-1", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "bad", false)]
    [InlineData("10.0.0.0/8", "", false)]
    public void Cidr_contains(string cidr, string ip, bool expected) =>
        Assert.Equal(expected ? "true" : "false", Render("{{ cidrContains .c .i }}", "{\"c\":\"" + cidr + "\",\"i\":\"" + ip + "\"}"));

    [Theory]
    [InlineData("10.0.0.1", true, true)]
    [InlineData("192.168.1.100", true, true)]
    [InlineData("172.20.0.5", true, true)]
    [InlineData("172.32.0.1", true, false)]
    [InlineData("8.8.8.8", true, false)]
    [InlineData("2001:db8::1", true, false)]
    [InlineData("::1", true, false)]
    [InlineData("fd00::1", true, true)]
    [InlineData("fc00::1", true, true)]
    [InlineData("fe80::1", true, false)]
    [InlineData("::ffff:192.168.0.1", true, true)]
    [InlineData("not-an-ip", false, false)]
    [InlineData("", false, false)]
    [InlineData("10.0.0.256", false, false)]
    [InlineData("010.0.0.1", false, false)]
    [InlineData("1.2.3", false, false)]
    [InlineData("1.2.3.4.5", false, false)]
    [InlineData(" 10.0.0.1", false, false)]
    [InlineData("fe80::1%eth0", false, false)]
    [InlineData("[::1]", false, false)]
    [InlineData("0x0A.0.0.1", false, false)]
    public void Ip_valid_and_private(string ip, bool valid, bool isPrivate) =>
        Assert.Equal((valid ? "true" : "false") + " " + (isPrivate ? "true" : "false"), Render("{{ ipValid .i }} {{ ipIsPrivate .i }}", "{\"i\":\"" + ip + "\"}"));

    [Fact]
    public void Missing_values_are_not_addresses() =>
        Assert.Equal("false false false", Render("{{ ipValid .missing }} {{ ipIsPrivate .missing }} {{ cidrContains .missing .missing }}"));

    [Theory]
    [InlineData("{{ ipValid 1 }}", "error calling ipValid: wrong type for value; expected string; got int")]
    [InlineData("{{ cidrContains \"10.0.0.0/8\" true }}", "expected string; got bool")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template), StringComparison.Ordinal);
}
