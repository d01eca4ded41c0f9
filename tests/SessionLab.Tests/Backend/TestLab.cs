using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;

namespace SessionLab.Tests.Backend;

/// <summary>Lab and real modes for unit tests of the backend.</summary>
internal static class TestLab
{
    public static LabMode Mode(bool realUsers = false, bool allowInsecure = false, bool? endpoints = null) => new(
        Options.Create(new LabOptions { Endpoints = endpoints, AllowInsecureDevKey = allowInsecure }),
        Options.Create(new UserDirectoryOptions { File = realUsers ? "users.json" : null }));
}
