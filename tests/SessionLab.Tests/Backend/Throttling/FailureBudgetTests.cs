using Microsoft.Extensions.Time.Testing;
using SessionLab.Backend.Throttling;

namespace SessionLab.Tests.Backend.Throttling;

public sealed class FailureBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Spend_BurstSpent_CannotAffordUntilARefill()
    {
        var budget = new FailureBudget<string>(3, TimeSpan.FromSeconds(1), _time);

        Assert.True(budget.Spend("a") && budget.Spend("a") && budget.Spend("a"));
        Assert.False(budget.CanAfford("a"));
        Assert.False(budget.Spend("a"));

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(budget.CanAfford("a"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(budget.CanAfford("a"));
    }

    [Fact]
    public void CanAfford_LongIdle_NeverMoreThanTheBurst()
    {
        var budget = new FailureBudget<string>(2, TimeSpan.FromSeconds(1), _time);
        budget.Spend("a");

        _time.Advance(TimeSpan.FromHours(1));

        Assert.True(budget.Spend("a"));
        Assert.True(budget.Spend("a"));
        Assert.False(budget.Spend("a"));
    }

    [Fact]
    public void Spend_RefillsContinuously_NotInLumps()
    {
        var budget = new FailureBudget<string>(1, TimeSpan.FromSeconds(10), _time);
        budget.Spend("a");

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(budget.CanAfford("a"));
        Assert.Equal(5, budget.SecondsUntilAffordable("a"));
    }

    [Fact]
    public void Spend_KeysAreIndependent()
    {
        var budget = new FailureBudget<string>(1, TimeSpan.FromSeconds(1), _time);
        budget.Spend("a");

        Assert.False(budget.CanAfford("a"));
        Assert.True(budget.CanAfford("b"));
    }

    [Fact]
    public void Spend_FullBucketsAreDropped()
    {
        var budget = new FailureBudget<string>(1, TimeSpan.FromSeconds(1), _time);
        for (var i = 0; i < 100; i++)
        {
            budget.Spend($"key{i}");
        }

        Assert.Equal(100, budget.Count);
        _time.Advance(TimeSpan.FromSeconds(2));
        budget.Spend("late");

        Assert.Equal(1, budget.Count);
    }

    [Fact]
    public void Refund_BackToFull_LeavesNoBucket_SoSuccessfulLoginsKeepNothing()
    {
        var budget = new FailureBudget<string>(5, TimeSpan.FromSeconds(6), _time);
        for (var i = 0; i < 1_000; i++)
        {
            budget.Spend($"user{i}");
            budget.Refund($"user{i}");
        }

        Assert.Equal(0, budget.Count);
    }

    [Fact]
    public void Refund_AfterARealFailure_KeepsTheFailure()
    {
        var budget = new FailureBudget<string>(2, TimeSpan.FromMinutes(1), _time);
        budget.Spend("alice"); // a wrong password
        budget.Spend("alice"); // a reservation that turns out right
        budget.Refund("alice");

        Assert.Equal(1, budget.Count);
        Assert.True(budget.CanAfford("alice"));
        budget.Spend("alice");
        Assert.False(budget.CanAfford("alice"));
    }
}
