using SessionLab.Topology.LoadBalancing.Nginx;

namespace SessionLab.Tests.Topology.LoadBalancing;

public sealed class NginxInstallationTests
{
    [Theory]
    [InlineData("nginx version: nginx/1.22.1", "1.22.1")]
    [InlineData("nginx version: nginx/1.25.3\n", "1.25.3")]
    [InlineData("nginx version: openresty/1.21.4.1", "1.21.4.1")]
    [InlineData("nginx version: nginx/1.18.0 (Ubuntu)", "1.18.0")]
    [InlineData("some warning\nnginx version: freenginx/1.27.0", "1.27.0")]
    public void ParseVersion_WhatNginxPrints_GivesTheVersion(string output, string expected) =>
        Assert.Equal(expected, NginxInstallation.ParseVersion(output));

    [Theory]
    [InlineData("")]
    [InlineData("bash: nginx: command not found")]
    [InlineData("nginx version: nginx")]
    public void ParseVersion_NoVersion_IsNull(string output) => Assert.Null(NginxInstallation.ParseVersion(output));

    [Theory]
    [InlineData("1.22.1", true)]
    [InlineData("1.19.5", true)]
    [InlineData("1.18.0", false)]
    [InlineData("1.21.4.1", true)]
    [InlineData("weird", false)]
    public void SupportsErrorLogOption_FollowsTheVersion(string version, bool expected) =>
        Assert.Equal(expected, new NginxInstallation("/usr/sbin/nginx", version).SupportsErrorLogOption);
}
