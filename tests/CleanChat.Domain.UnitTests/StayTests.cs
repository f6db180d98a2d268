using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Stays;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>A hotel guest's stay, its front-desk conversation and what the service says there.</summary>
public class StayTests
{
    private const long Hotel = 5;
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Fact]
    public void A_stay_has_its_room_and_dates_and_check_out_cannot_come_before_check_in()
    {
        var stay = Open();

        stay.RoomNumber.ShouldBe("204");
        stay.ConversationKey.ShouldBe(Stay.ConversationKeyOf(Hotel, 77));
        stay.ConversationContext.ShouldBe(new ChatContext(Stay.ContextType, 77));
        Should.Throw<DomainRuleViolationException>(() => Stay.Open(Hotel, 78, Guest(), "1", Monday, Monday.AddDays(-1), Now)).Code.ShouldBe("check_out_before_check_in");
        Should.Throw<DomainRuleViolationException>(() => Stay.Open(Hotel, 78, Guest(), new string('9', Stay.MaxRoomLength + 1), Monday, Monday, Now)).Code.ShouldBe("room_number_too_long");
    }

    [Fact]
    public void An_update_says_which_room_was_left_and_whether_the_guest_checked_out_and_nothing_changes_after_that()
    {
        var stay = Open();

        stay.Update(" 310 ", null, Monday.AddDays(3), checkedOut: false, Now).ShouldBe(new StayChange("204", false));
        stay.Update("310", null, null, checkedOut: false, Now).ShouldBe(new StayChange(null, false));
        stay.Update(null, null, null, checkedOut: true, Now.AddDays(3)).ShouldBe(new StayChange(null, true));

        stay.IsCheckedOut.ShouldBeTrue();
        stay.CheckOut.ShouldBe(Monday.AddDays(3));
        Should.Throw<DomainRuleViolationException>(() => stay.Update("1", null, null, false, Now)).Code.ShouldBe("stay_checked_out");
        Should.Throw<DomainRuleViolationException>(() => Open().Update(null, Monday.AddDays(9), null, false, Now)).Code.ShouldBe("check_out_before_check_in");
    }

    [Fact]
    public void A_front_desk_chat_starts_with_the_guest_alone_and_takes_the_salons_staff_when_they_post()
    {
        var chat = Chat.StartFrontDesk(Hotel, Customer, new ChatContext(Stay.ContextType, 77), Stay.ConversationKeyOf(Hotel, 77), Now);
        AssignId(chat, 3);
        var snapshot = chat.ToSnapshot();

        chat.IsFrontDesk.ShouldBeTrue();
        chat.Participants.Select(p => p.Participant).ShouldBe(new[] { Customer });
        snapshot.IsOpenTo(Staff, Hotel).ShouldBeTrue();
        snapshot.IsOpenTo(Staff, Hotel + 1).ShouldBeFalse();
        snapshot.IsOpenTo(ParticipantRef.Customer(9), Hotel).ShouldBeFalse();

        chat.JoinFrontDesk(Staff, Hotel, Now);
        chat.IsActiveParticipant(Staff).ShouldBeTrue();
        Should.Throw<DomainPermissionException>(() => chat.JoinFrontDesk(ParticipantRef.User(8), Hotel + 1, Now));
        Should.Throw<DomainPermissionException>(() => Chat.Start(ChatType.UserCustomer, Hotel, null, Staff, [Customer], Now).JoinFrontDesk(ParticipantRef.User(8), Hotel, Now));
    }

    [Fact]
    public void The_service_posts_system_messages_as_itself_but_not_into_an_archived_chat()
    {
        var chat = SavedChat();

        var notice = chat.ToSnapshot().PostSystemMessage("  Your room has changed.  ", Now);
        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Customer, new MessageBody(MessageType.System, "fake"), null, null, Now))
            .Code.ShouldBe("system_message_reserved");

        notice.Sender.ShouldBe(ParticipantRef.System);
        notice.MessageType.ShouldBe(MessageType.System);
        notice.Content.ShouldBe("Your room has changed.");
        chat.Archive(Now);
        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostSystemMessage("Late", Now)).Code.ShouldBe("chat_archived");
    }

    [Fact]
    public void The_welcome_names_the_guest_when_known_and_the_room_and_dates()
    {
        StayNotices.Welcome("Gina", Open()).ShouldBe("Welcome, Gina! Your room is 204, from 2026-12-07 to 2026-12-09. Write here whenever you need anything.");
        StayNotices.Welcome(null, Open()).ShouldStartWith("Welcome! Your room is 204");
    }

    private static Stay Open() => Stay.Open(Hotel, 77, Guest(), " 204 ", Monday, Monday.AddDays(2), Now);

    private static Accounts.Customer Guest()
    {
        var guest = new Accounts.Customer("+15550002222", "Gina", null, Now);
        AssignId(guest, 9);
        return guest;
    }
}
