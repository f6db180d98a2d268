using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

public class ChatMessageTests
{
    private readonly Chat _chat = SavedChat();

    [Fact]
    public void Edit_by_sender_within_window_changes_content_and_raises_event()
    {
        var message = SavedMessage(_chat, Staff, 101);

        message.Edit(Staff, "hello again", Now.AddMinutes(14));

        message.Content.ShouldBe("hello again");
        message.EditedAt.ShouldBe(Now.AddMinutes(14));
        message.DomainEvents.Single().ShouldBeOfType<MessageEdited>();
    }

    [Fact]
    public void Edit_at_exactly_fifteen_minutes_is_allowed()
    {
        var message = SavedMessage(_chat, Staff, 101);

        message.Edit(Staff, "just in time", Now + ChatMessage.EditWindow);

        message.Content.ShouldBe("just in time");
    }

    [Fact]
    public void Edit_after_fifteen_minutes_is_refused()
    {
        var message = SavedMessage(_chat, Staff, 101);

        Should.Throw<DomainRuleViolationException>(() => message.Edit(Staff, "too late", Now.AddMinutes(15).AddTicks(1)))
            .Code.ShouldBe("edit_window_expired");
        message.Content.ShouldBe("hello");
    }

    [Fact]
    public void Edit_by_someone_else_is_forbidden()
    {
        var message = SavedMessage(_chat, Staff, 101);

        Should.Throw<DomainPermissionException>(() => message.Edit(Customer, "hijack", Now)).Code.ShouldBe("not_message_sender");
    }

    [Fact]
    public void Edit_of_non_text_message_is_refused()
    {
        var message = SavedMessage(_chat, Staff, 101, new MessageBody(MessageType.Image, null, Attachments: [new MessageAttachment("/uploads/chat/a.jpg", null, "image/png", 10, null, null)]));

        Should.Throw<DomainRuleViolationException>(() => message.Edit(Staff, "caption", Now)).Code.ShouldBe("only_text_editable");
    }

    [Fact]
    public void Edit_after_delete_is_refused()
    {
        var message = SavedMessage(_chat, Staff, 101);
        message.SoftDelete(Actor.Staff(Staff.Id, SalonId, StaffRole.Staff), SalonId, Now);

        Should.Throw<DomainRuleViolationException>(() => message.Edit(Staff, "revive", Now)).Code.ShouldBe("message_deleted");
    }

    [Fact]
    public void Edit_to_blank_content_is_refused()
    {
        var message = SavedMessage(_chat, Staff, 101);

        Should.Throw<DomainRuleViolationException>(() => message.Edit(Staff, "  ", Now)).Code.ShouldBe("content_required");
    }

    [Fact]
    public void Edit_to_same_content_changes_nothing()
    {
        var message = SavedMessage(_chat, Staff, 101);

        message.Edit(Staff, "hello", Now.AddMinutes(1));

        message.EditedAt.ShouldBeNull();
        message.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void SoftDelete_by_sender_keeps_row_and_marks_deleted()
    {
        var message = SavedMessage(_chat, Customer, 101);

        message.SoftDelete(Actor.Customer(Customer.Id), SalonId, Now.AddHours(2));

        message.IsDeleted.ShouldBeTrue();
        message.DeletedAt.ShouldBe(Now.AddHours(2));
        message.DomainEvents.Single().ShouldBeOfType<MessageDeleted>().DeletedBy.ShouldBe(Customer);
    }

    [Fact]
    public void SoftDelete_by_admin_of_the_chats_salon_is_allowed()
    {
        var message = SavedMessage(_chat, Customer, 101);

        message.SoftDelete(Actor.Staff(1, SalonId, StaffRole.Admin), SalonId, Now);

        message.IsDeleted.ShouldBeTrue();
    }

    [Fact]
    public void SoftDelete_by_admin_of_another_salon_is_forbidden()
    {
        var message = SavedMessage(_chat, Customer, 101);

        Should.Throw<DomainPermissionException>(() => message.SoftDelete(Actor.Staff(1, SalonId + 1, StaffRole.Admin), SalonId, Now));
        message.IsDeleted.ShouldBeFalse();
    }

    [Fact]
    public void SoftDelete_by_other_participant_is_forbidden()
    {
        var message = SavedMessage(_chat, Customer, 101);

        Should.Throw<DomainPermissionException>(() => message.SoftDelete(Actor.Staff(Staff.Id, SalonId, StaffRole.Staff), SalonId, Now))
            .Code.ShouldBe("not_allowed_to_delete");
    }

    [Fact]
    public void SoftDelete_twice_raises_one_event()
    {
        var message = SavedMessage(_chat, Customer, 101);
        var actor = Actor.Customer(Customer.Id);

        message.SoftDelete(actor, SalonId, Now);
        message.SoftDelete(actor, SalonId, Now.AddMinutes(1));

        message.DeletedAt.ShouldBe(Now);
        message.DomainEvents.Count.ShouldBe(1);
    }
}
