using System.Globalization;
using SessionLab.Backend.Common;
using SessionLab.Backend.Redis;
using SessionLab.Experiments.Framework;
using SessionLab.Experiments.Framework.Load;
using SessionLab.Measurement.Statistics;
using SessionLab.Reporting.Model;

namespace SessionLab.Experiments.Performance;

/// <summary>4.3 — what does each scheme cost in memory and CPU for many active sessions?</summary>
internal sealed class ResourcesExperiment : Experiment<ResourcesExperiment, ResourceFacts>, IJudge<ResourceFacts>
{
    /// <summary>Below this many bytes per session a cost is indistinguishable from measurement noise.</summary>
    internal const double NoiseBytesPerSession = 16;

    private static readonly Hypothesis H1 = new("H1", "A sticky session costs memory on the backend that holds it (the plan: about 500 B each).");

    private static readonly Hypothesis H2 = new("H2", "A Redis session costs Redis memory, not backend memory (the plan: about 300 B each).");

    // The plan's H3 is about CPU: a JWT is verified (an HMAC over the whole token, its JSON read) on every request.
    private static readonly Hypothesis H3 = new("H3", "JWT costs CPU for its signatures: verifying a token costs measurably more than checking a signed session id.");

    private static readonly Hypothesis H4 = new("H4", "A JWT session costs no server memory at all.");

    public override ExperimentInfo Info { get; } = new(
        "4.3",
        4,
        "Resources",
        "What does each scheme cost in memory and CPU for many active sessions?",
        [H1, H2, H3, H4]);

    protected override async Task<ResourceFacts?> ObserveAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var largest = context.Parameter("sessions", context.Settings.Sessions ?? (context.Settings.Quick ? 10_000 : 100_000));
        int[] sizes = [Math.Max(10, largest / 10), largest];
        context.Parameter("sizes", string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture))));
        var repeats = context.Parameter("repeats", 2);
        var parallelism = context.Parameter("login_parallelism", 32);

        context.Step("CPU of every process while idle");
        var idle = CpuMeter.Start(context, _ => true);
        await context.WaitAsync(context.Settings.Wait(TimeSpan.FromSeconds(5)), "measure idle CPU", cancellationToken);
        var idleCpu = idle.Stop();

        var sticky = await MeasureAsync(context, new(TargetNames.Sticky, SchemeKind.Sticky, ViaBalancer: false, Revoke: false), sizes, repeats, parallelism, cancellationToken);
        var redis = await MeasureAsync(context, new(TargetNames.Redis, SchemeKind.Redis, ViaBalancer: true, Revoke: false), sizes, repeats, parallelism, cancellationToken);
        var jwt = await MeasureAsync(context, new(TargetNames.Jwt, SchemeKind.Jwt, ViaBalancer: true, Revoke: false), sizes, repeats, parallelism, cancellationToken);
        var revocation = await MeasureAsync(context, new(TargetNames.JwtRevocation, SchemeKind.Jwt, ViaBalancer: true, Revoke: true), sizes, repeats, parallelism, cancellationToken);
        context.Step("the CPU of one JWT verification, one JWT issued and one session-id check, with the backends' own code (batches on one thread)");
        var costs = await TokenCheckCost.MeasureAsync(context.Settings.Quick ? 5 : 9, context.Settings.Quick ? 2_000 : 5_000, cancellationToken);
        return new ResourceFacts(sizes, sticky, redis, jwt, revocation) { IdleCpu = idleCpu, Costs = costs };
    }

    protected override void Tabulate(ExperimentContext context, ResourceFacts facts)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (variant, where, figure) in facts.Figures())
        {
            var perSize = facts.Sizes.Select(size => figure(size) is { } e ? $"{size:N0}: {EstimateText.Of(e, "0")} B" : $"{size:N0}: not measured").ToList();
            var growth = ResourceFacts.Growth(facts.Sizes.Select(figure).ToList());
            rows.Add([variant, where, string.Join("; ", perSize), growth]);
            if (variant == TargetNames.Jwt && figure(facts.Sizes[^1]) is { } jwtHeap && !facts.JwtRetainsPerLogin)
            {
                // No retention repeats across sizes: the scheme keeps no server state, whatever one heap difference says.
                context.AddMetric(new Metric(TargetNames.Jwt, "bytes_per_session", "B", 0, 0, 0, jwtHeap.Rounds));
            }
            else if (figure(facts.Sizes[^1]) is { } atLargest)
            {
                context.AddMetric(EstimateText.ToMetric(variant.StartsWith(TargetNames.JwtRevocation, StringComparison.Ordinal) ? TargetNames.JwtRevocation : variant, variant.EndsWith("revoked token", StringComparison.Ordinal) ? "bytes_per_revoked_token" : "bytes_per_session", "B", atLargest));
            }
        }

        context.AddTable(
            $"Memory per session, measured at {string.Join(" and ", facts.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} sessions (median of repeats, interval)",
            ["variant", "state lives in", "bytes per session at each size", "growth"],
            rows);

        var details = new List<IReadOnlyList<string>>();
        foreach (var variant in facts.Variants)
        {
            foreach (var sample in variant.Samples)
            {
                details.Add([
                    variant.Name,
                    $"{sample.Size:N0} #{sample.Repeat + 1}",
                    Format.Count(sample.Failures),
                    Per(sample.HeapPerSession),
                    Per(sample.RssPerSession),
                    Per(sample.StorePerSession),
                    sample.StoreExpired is { } expired ? Format.Count(expired) : "-",
                ]);
            }
        }

        context.AddTable("Every measurement (per session; a redis or JWT backend sees a third of the logins)", ["variant", "size #repeat", "logins failed", "backend heap", "backend RSS", "store (used_memory)", "records expired meanwhile"], details);
        context.AddTable(
            "Other facts",
            ["measure", "value"],
            [
                ["redis: MEMORY USAGE of one session key", facts.Redis.SampleKeyBytes is { } key ? $"{key} B" : "not reported by this store"],
                ["jwt: mean token size", facts.Jwt.MeanCredentialBytes is { } size ? $"{size:0} B (carried by the client on every request)" : "no token"],
            ]);
        context.AddTable(
            "CPU while idle (percent of one core)",
            ["process", "pid", "CPU %"],
            facts.IdleCpu?.Processes.Select(c => (IReadOnlyList<string>)[c.Name, c.ProcessId.ToString(CultureInfo.InvariantCulture), c.Percent.ToString("0.0", CultureInfo.InvariantCulture)]) ?? []);
        context.AddChart(new ChartSeries(
            "memory per session",
            "variant",
            "bytes per session",
            [.. facts.Figures().Select((f, i) => new ChartPoint(i, f.Figure(facts.Sizes[^1])?.Value ?? 0, f.Variant))]));

        foreach (var miss in MissedTargets(facts))
        {
            context.Anomaly(miss);
        }
    }

    /// <summary>Our memory targets (sticky ≤ 400 B of managed heap, Redis ≤ 200 B of used_memory), explained where missed.</summary>
    internal static IEnumerable<string> MissedTargets(ResourceFacts facts)
    {
        if (facts.Sticky.HeapAt(facts.Sizes[^1]) is { Value: > 400 } sticky)
        {
            yield return $"Sticky sessions cost {sticky.Value:0} B of managed heap each, above the 400 B target: the id string (43 chars), the entry object and the dictionary node are the floor; a username per session adds its own string.";
        }

        if (facts.Redis.StoreAt(facts.Sizes[^1]) is { Value: > 200 } redis)
        {
            var key = facts.Redis.SampleKeyBytes is { } k ? $"MEMORY USAGE puts the key and its value at {k} B; " : string.Empty;
            yield return $"Redis sessions cost {redis.Value:0} B of used_memory each, above the 200 B target: {key}the rest is Redis's own bookkeeping per key with a TTL (the main dictionary entry, the expires dictionary entry, allocator size classes) and the signed record's tag.";
        }
    }

    /// <summary>The verdicts, from the facts alone (pure: unit-tested on canned data).</summary>
    public static IEnumerable<HypothesisVerdict> Judge(ResourceFacts facts)
    {
        var sizes = facts.Sizes;
        var stickyHeap = sizes.Select(facts.Sticky.HeapAt).ToList();
        yield return stickyHeap.Any(e => e is null)
            ? H1.Inconclusive("The sticky backend's memory could not be read at every size.")
            : H1.Holds(
                stickyHeap.All(e => e!.Value > NoiseBytesPerSession),
                $"Sessions added {ResourceFacts.Describe(sizes, stickyHeap)} of live managed heap each on the backend holding them ({ResourceFacts.Growth(stickyHeap)}; the plan expected about 500 B; our target is at most 400 B).");

        var redisStore = sizes.Select(facts.Redis.StoreAt).ToList();
        var redisHeap = sizes.Select(facts.Redis.HeapAt).ToList();
        yield return redisStore.Any(e => e is null)
            ? H2.Inconclusive("The store does not report used_memory, so its cost per session could not be measured.")
            : H2.Holds(
                redisStore.All(e => e!.Value > NoiseBytesPerSession) && redisHeap.All(h => h is null || Math.Abs(h.Value) < Math.Max(NoiseBytesPerSession, redisStore[^1]!.Value / 10)),
                $"Redis used_memory grew by {ResourceFacts.Describe(sizes, redisStore)} per session ({ResourceFacts.Growth(redisStore)}; the plan expected about 300 B; our target is at most 200 B) while a redis backend's heap changed by {ResourceFacts.Describe(sizes, redisHeap)} per session.");

        yield return JudgeSignatureCost(facts.Costs);

        var jwtHeap = sizes.Select(facts.Jwt.HeapAt).ToList();
        var jwtStore = sizes.Select(facts.Jwt.StoreAt).ToList();
        if (jwtHeap.Any(e => e is null))
        {
            yield return H4.Inconclusive("The JWT backend's memory could not be read at every size.");
            yield break;
        }

        // Interpolated whole, not concatenated, so the evidence keeps its template and the Chinese report can translate it.
        var measured = H4.With(
            facts.JwtRetainsPerLogin ? Verdict.Refuted : Verdict.Confirmed,
            $"JWT logins changed a backend's heap by {ResourceFacts.Describe(sizes, jwtHeap)} and Redis by {ResourceFacts.Describe(sizes, jwtStore)} per login; the state travels in a {facts.Jwt.MeanCredentialBytes ?? 0:0}-byte token instead.");
        yield return facts.JwtRetainsPerLogin
            ? measured.Extend(CultureInfo.InvariantCulture, $" The retention repeats at every size, so something keeps memory per login.")
            : measured.Extend(CultureInfo.InvariantCulture, $" No per-login retention repeats across sizes: the differences are the heap's noise.");
    }

    /// <summary>H3 from the paired batches: JWT verification over a session-id check, judged only beyond its interval.</summary>
    internal static HypothesisVerdict JudgeSignatureCost(TokenCheckCosts? costs)
    {
        if (costs?.JwtOverSessionId is not { } ratio)
        {
            return H3.Inconclusive("The cost of a JWT verification and of a session-id check was not measured.");
        }

        var costlier = NoiseAwareComparison.MeetsAtLeast(ratio, 1);
        // The measured sentence is a template (values apart) and each ending extends it, so the Chinese report translates the whole.
        var measured = H3.With(
            costlier switch { true => Verdict.Confirmed, false => Verdict.Refuted, null => Verdict.Inconclusive },
            $"One HS256 verification costs {EstimateText.Of(costs.VerifyJwtMicros, "0.0")} µs of CPU and issuing a token {EstimateText.Of(costs.IssueJwtMicros, "0.0")} µs, against {EstimateText.Of(costs.CheckSessionIdMicros, "0.00")} µs to check a signed session id: {EstimateText.Ratio(ratio)}× (paired batches, the backends' own code)");
        return costlier switch
        {
            true => measured.Extend(CultureInfo.InvariantCulture, $"; a sticky or Redis backend spends CPU on its id's HMAC and a lookup, not on a signature over a whole token."),
            false => measured.Extend(CultureInfo.InvariantCulture, $": verifying a JWT costs less than checking a session id."),
            null => measured.Extend(CultureInfo.InvariantCulture, $", within the noise of the batches."),
        };
    }

    private static async Task<VariantMemory> MeasureAsync(ExperimentContext context, MemoryVariant variant, int[] sizes, int repeats, int parallelism, CancellationToken cancellationToken)
    {
        var backend = context.Topology.BackendsOf(variant.Scheme).First();
        var target = variant.ViaBalancer ? context.Topology.BalancerAddress(variant.Scheme) : backend.BaseAddress;
        var share = variant.ViaBalancer ? context.Topology.BackendsOf(variant.Scheme).Count() : 1;
        context.Step($"{variant.Name}: warm-up, then {string.Join(" and ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} {(variant.Revoke ? "logins logged out again (revoked tokens)" : "logins")} × {repeats}, at {target}: backend heap and RSS, Redis used_memory before and after each");

        if (variant.Scheme == SchemeKind.Jwt && !variant.Revoke)
        {
            // The Redis variant's sessions expire on the store's short lab TTL; measuring the store while they go would
            // book their freed memory against the JWT variants. Let them go first.
            await context.WaitAsync(context.Settings.RedisSessionTtl + TimeSpan.FromSeconds(1), "let the redis variant's sessions expire from the store", cancellationToken);
        }

        // Warm up first: one-time growth (JIT, Kestrel's and the libraries' buffer pools) must not land in a measurement.
        await BulkLogin.RunAsync(target, Math.Max(parallelism * 4, sizes[0] / 2), parallelism, cancellationToken, userPrefix: $"warmup-{variant.UserPrefix}-");
        var samples = new List<MemorySample>();
        long? sampleKey = null;
        double? tokenBytes = null;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            foreach (var size in sizes)
            {
                var heapBefore = await RuntimeProbe.ReadAsync(context, backend.BaseAddress, cancellationToken);
                var storeBefore = await context.Redis.UsedMemoryAsync();
                var keysBefore = variant.Scheme == SchemeKind.Redis ? await context.Redis.CountKeysAsync(RedisSessionStore.KeyPrefix + "*") : null;
                var login = await BulkLogin.RunAsync(target, size, parallelism, cancellationToken, userPrefix: $"mem-{variant.UserPrefix}-{size}-{repeat}-");
                var credentials = login.Credentials.OfType<string>().ToList();
                var failures = login.Failures;
                if (variant.Revoke)
                {
                    failures += await BulkLogin.LogoutAsync(target, credentials, parallelism, cancellationToken);
                }

                var heapAfter = await RuntimeProbe.ReadAsync(context, backend.BaseAddress, cancellationToken);
                var storeAfter = await context.Redis.UsedMemoryAsync();
                var keysAfter = variant.Scheme == SchemeKind.Redis ? await context.Redis.CountKeysAsync(RedisSessionStore.KeyPrefix + "*") : null;
                var created = credentials.Count;
                // Sessions expire on the lab's short TTL while others are created: the memory difference holds the
                // difference in live session keys, counted at the same instants, not the logins made.
                long? live = variant.Scheme == SchemeKind.Redis ? (keysBefore is { } kb && keysAfter is { } ka ? ka - kb : null) : created;
                long? expired = live is { } l ? created - l : null;
                samples.Add(new MemorySample(
                    size,
                    repeat,
                    created,
                    failures,
                    heapBefore is not null && heapAfter is not null && created > 0 ? (heapAfter.ManagedHeapBytes - heapBefore.ManagedHeapBytes) / (created / (double)share) : null,
                    heapBefore is not null && heapAfter is not null && created > 0 ? (heapAfter.WorkingSetBytes - heapBefore.WorkingSetBytes) / (created / (double)share) : null,
                    storeBefore is not null && storeAfter is not null && live > created / 4 ? (storeAfter - storeBefore) / (double)live : null,
                    expired));
                if (variant.Scheme == SchemeKind.Redis && sampleKey is null && credentials.Count > 0)
                {
                    sampleKey = await context.Redis.MemoryUsageAsync(RedisSessionStore.KeyPrefix + credentials[^1]);
                }

                tokenBytes ??= variant.Scheme == SchemeKind.Jwt && credentials.Count > 0 ? credentials.Average(t => t.Length) : null;
            }
        }

        return new VariantMemory(variant.Name, samples, sampleKey, tokenBytes);
    }

    private static string Per(double? bytes) => bytes is { } b ? $"{b:0} B" : "not measured";
}

/// <summary>What 4.3 measures for one variant: where it logs in, and whether its tokens are then revoked.</summary>
internal sealed record MemoryVariant(string Name, SchemeKind Scheme, bool ViaBalancer, bool Revoke)
{
    /// <summary>The name as usernames may spell it (letters, digits, hyphens): "jwt + revocation" → "jwt-revocation".</summary>
    public string UserPrefix => System.Text.RegularExpressions.Regex.Replace(Name, "[^A-Za-z0-9]+", "-");
}

/// <summary>One measurement: <see cref="Size"/> logins (the <see cref="Repeat"/>-th time), and what each cost.</summary>
internal sealed record MemorySample(int Size, int Repeat, int Sessions, int Failures, double? HeapPerSession, double? RssPerSession, double? StorePerSession, long? StoreExpired);

/// <summary>Every measurement of one variant, and two facts about its credentials.</summary>
internal sealed record VariantMemory(string Name, IReadOnlyList<MemorySample> Samples, long? SampleKeyBytes, double? MeanCredentialBytes)
{
    /// <summary>Backend heap per session at <paramref name="size"/>: median of the repeats with its interval.</summary>
    public Estimate? HeapAt(int size) => At(size, s => s.HeapPerSession);

    /// <summary>Store memory per session (or per revoked token) at <paramref name="size"/>.</summary>
    public Estimate? StoreAt(int size) => At(size, s => s.StorePerSession);

    private Estimate? At(int size, Func<MemorySample, double?> figure) =>
        Samples.Where(s => s.Size == size).Select(figure).OfType<double>().ToList() is { Count: > 0 } values ? Estimate.OfMedian(values) : null;
}

/// <summary>What 4.3 measured: each variant's memory per session at every size.</summary>
internal sealed record ResourceFacts(IReadOnlyList<int> Sizes, VariantMemory Sticky, VariantMemory Redis, VariantMemory Jwt, VariantMemory JwtRevocation)
{
    /// <summary>The processes' CPU while idle.</summary>
    public CpuSample? IdleCpu { get; init; }

    /// <summary>What one JWT verification, one JWT issued and one session-id check cost in CPU; null when not measured.</summary>
    public TokenCheckCosts? Costs { get; init; }

    public IEnumerable<VariantMemory> Variants => [Sticky, Redis, Jwt, JwtRevocation];

    /// <summary>
    /// Whether JWT logins keep memory on the server: only when a retention repeats at every size (in the backend's heap
    /// or in Redis). One size's heap difference is noise until repeated.
    /// </summary>
    public bool JwtRetainsPerLogin =>
        Sizes.Select(Jwt.HeapAt).All(e => e is { } h && h.Value >= ResourcesExperiment.NoiseBytesPerSession && h.Low >= ResourcesExperiment.NoiseBytesPerSession / 2)
        || Sizes.Select(Jwt.StoreAt).All(e => e is { } s && s.Value >= ResourcesExperiment.NoiseBytesPerSession);

    /// <summary>The figure each variant is known by: where its state lives and its bytes per session at a size.</summary>
    public IEnumerable<(string Variant, string Where, Func<int, Estimate?> Figure)> Figures() =>
    [
        (TargetNames.Sticky, "backend memory (managed heap)", Sticky.HeapAt),
        (TargetNames.Redis, "Redis (used_memory)", Redis.StoreAt),
        (TargetNames.Jwt, "the client (token); backend heap measured", Jwt.HeapAt),
        (TargetNames.JwtRevocation + ", per revoked token", "Redis (used_memory), until the token expires", JwtRevocation.StoreAt),
    ];

    /// <summary>"250 B at 10,000, 248 B at 100,000".</summary>
    public static string Describe(IReadOnlyList<int> sizes, IReadOnlyList<Estimate?> figures) =>
        string.Join(", ", sizes.Zip(figures).Select(p => p.Second is { } e ? string.Create(CultureInfo.InvariantCulture, $"{EstimateText.Of(e, "0")} B at {p.First:N0}") : $"not measured at {p.First:N0}"));

    /// <summary>Whether bytes per session stay the same across sizes (linear growth): within 20 % or within the noise.</summary>
    public static string Growth(IReadOnlyList<Estimate?> figures)
    {
        if (figures.Count < 2 || figures.Any(f => f is null))
        {
            return "not measured at every size";
        }

        var values = figures.Select(f => f!.Value).ToList();
        var spread = values.Max() - values.Min();
        return spread <= Math.Max(ResourcesExperiment.NoiseBytesPerSession, 0.2 * values.Max(Math.Abs))
            ? "linear (the same per session at every size)"
            : string.Create(CultureInfo.InvariantCulture, $"not linear: per session changes by {spread:0} B across sizes");
    }
}
