using SessionLab.Measurement.Load;

namespace SessionLab.Experiments.Framework.FaultsUnderLoad;

/// <summary>What one load run with faults measured: the load's result, the probe's samples and when each fault was injected.</summary>
internal sealed record FaultRun(LoadResult Load, IReadOnlyList<ProbeSample> Probe, IReadOnlyList<FaultMark> Faults);

/// <summary>What several loads and probes measured around the same faults, in the order they were given.</summary>
internal sealed record MultiFaultRun(IReadOnlyList<LoadResult> Loads, IReadOnlyList<List<ProbeSample>> Probes, IReadOnlyList<FaultMark> Faults);

/// <summary>A fault injected at <see cref="AtSeconds"/> from the load's start and done (e.g. the store answering PING again) at <see cref="DoneAtSeconds"/>, with the controller's own words.</summary>
internal sealed record FaultMark(double AtSeconds, double DoneAtSeconds, string Description);
