using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionLab.Backend.Common;
using SessionLab.Backend.Identity;
using SessionLab.Backend.Jwt;
using SessionLab.Backend.Keys;
using SessionLab.Backend.Sessions;
using SessionLab.Measurement.Statistics;

namespace SessionLab.Experiments.Framework.Load;

/// <summary>
/// What one credential check costs in CPU, measured with the backends' own code (TokenService for HS256 JWTs,
/// SessionIds for the signed session ids of sticky and Redis) in the lab's process, which runs the same build and
/// runtime: batches on one thread, median microseconds per check with its interval. A batch takes a few milliseconds,
/// so on a busy machine the median of several batches is the cost, not the scheduler's noise.
/// </summary>
internal static class TokenCheckCost
{
    public static async Task<TokenCheckCosts> MeasureAsync(int batches, int checksPerBatch, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var options = Options.Create(new JwtOptions { Key = key });
        var lab = new LabMode(Options.Create(new LabOptions()), Options.Create(new UserDirectoryOptions()));
        var tokens = new TokenService(new JwtSigningKey(options, lab, NullLogger<JwtSigningKey>.Instance), options, TimeProvider.System);
        var ids = new SessionIds(new SessionKey(new SecretKey(RandomNumberGenerator.GetBytes(64), "cost probe", IsDevelopmentKey: false)));
        var user = new AuthenticatedUser(1, "cost-probe");
        var token = tokens.Issue(user, options.Value.Lifetime);
        var id = ids.New();

        var verify = new List<double>();
        var sign = new List<double>();
        var sessionId = new List<double>();
        for (var batch = -1; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Batch -1 warms the JIT and IdentityModel's caches and is not kept.
            var v = await TimeAsync(checksPerBatch, async () => { if (!(await tokens.ValidateAsync(token)).IsValid) { throw new InvalidOperationException("the probe's own token did not validate"); } });
            var s = await TimeAsync(checksPerBatch / 4, () => { tokens.Issue(user, options.Value.Lifetime); return Task.CompletedTask; });
            var i = await TimeAsync(checksPerBatch, () => ids.IsAuthentic(id) ? Task.CompletedTask : throw new InvalidOperationException("the probe's own id was not authentic"));
            if (batch >= 0)
            {
                verify.Add(v);
                sign.Add(s);
                sessionId.Add(i);
            }
        }

        return new TokenCheckCosts(Estimate.OfMedian(verify), Estimate.OfMedian(sign), Estimate.OfMedian(sessionId), Estimate.OfPairedRatio(verify, sessionId));
    }

    private static async Task<double> TimeAsync(int count, Func<Task> check)
    {
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            await check();
        }

        return watch.Elapsed.TotalMicroseconds / Math.Max(1, count);
    }
}

/// <summary>Microseconds per JWT verification and issue, per session-id check, and verification over id check (paired per batch).</summary>
internal sealed record TokenCheckCosts(Estimate VerifyJwtMicros, Estimate IssueJwtMicros, Estimate CheckSessionIdMicros, Estimate? JwtOverSessionId);
