using CleanChat.Domain.Common;
using Guard = Ardalis.GuardClauses.Guard;

namespace CleanChat.Domain.UnitTests;

public class DomainGuardsTests
{
    [Fact]
    public void A_broken_rule_throws_its_code_and_formatted_message()
    {
        var limit = 15;

        var refused = Should.Throw<DomainRuleViolationException>(() => Guard.Against.RuleBroken(true, "edit_window_expired", $"Within {limit} minutes."));

        refused.Code.ShouldBe("edit_window_expired");
        refused.Message.ShouldBe("Within 15 minutes.");
    }

    [Fact]
    public void A_kept_rule_does_not_format_its_message()
    {
        var costly = new CountsFormatting();

        Guard.Against.RuleBroken(false, "never", $"Value {costly}");

        costly.Formatted.ShouldBe(0);
    }

    [Fact]
    public void A_refused_actor_gets_a_permission_exception_with_the_code()
    {
        Should.Throw<DomainPermissionException>(() => Guard.Against.NotPermitted(true, "not_message_sender", "Only the sender may edit."))
            .Code.ShouldBe("not_message_sender");
    }

    [Fact]
    public void A_local_time_is_refused_where_UTC_is_required()
    {
        Should.Throw<ArgumentException>(() => Guard.Against.NotUtc(DateTime.Now)).ParamName.ShouldBe("DateTime.Now");
        Guard.Against.NotUtc(DateTime.UnixEpoch).ShouldBe(DateTime.UnixEpoch);
    }

    private sealed class CountsFormatting
    {
        public int Formatted { get; private set; }

        public override string ToString()
        {
            Formatted++;
            return "costly";
        }
    }
}
