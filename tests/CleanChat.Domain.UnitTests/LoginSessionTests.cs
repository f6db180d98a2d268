using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>When a browser session is still good: not ended, not idle too long, not past its maximum age.</summary>
public class LoginSessionTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    [Fact]
    public void A_session_ends_when_idle_too_long_and_a_use_restarts_the_idle_clock()
    {
        var session = New();

        session.IsValidAt(Now.AddMinutes(29), Idle).ShouldBeTrue();
        session.IsValidAt(Now.AddMinutes(30), Idle).ShouldBeFalse();

        session.Touch(Now.AddMinutes(20));
        session.IsValidAt(Now.AddMinutes(49), Idle).ShouldBeTrue();
    }

    [Fact]
    public void A_session_ends_at_its_maximum_age_however_busy_and_when_ended()
    {
        var session = New();
        session.Touch(Now.AddHours(8).AddMinutes(-1));

        session.IsValidAt(Now.AddHours(8), Idle).ShouldBeFalse();

        var ended = New();
        ended.End(Now.AddMinutes(1));
        ended.IsValidAt(Now.AddMinutes(2), Idle).ShouldBeFalse();
        ended.End(Now.AddMinutes(5));
        ended.EndedAt.ShouldBe(Now.AddMinutes(1));
    }

    [Fact]
    public void Uses_are_recorded_at_most_once_a_minute_and_never_move_back()
    {
        var session = New();

        session.NeedsTouch(Now.AddSeconds(59)).ShouldBeFalse();
        session.NeedsTouch(Now.AddMinutes(1)).ShouldBeTrue();
        session.Touch(Now.AddMinutes(5));
        session.Touch(Now.AddMinutes(2));
        session.LastSeenAt.ShouldBe(Now.AddMinutes(5));
    }

    private static LoginSession New() => new("hash", ParticipantRef.Customer(4), Now, TimeSpan.FromHours(8));
}
