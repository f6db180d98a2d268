using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

public class ChatTests
{
    [Fact]
    public void Start_adds_creator_and_others_and_raises_chat_created()
    {
        var chat = Chat.Start(ChatType.UserCustomer, SalonId, "  Support  ", Staff, new[] { Customer }, Now);

        chat.Participants.Select(p => p.Participant).ShouldBe(new[] { Staff, Customer });
        chat.Participants.ShouldAllBe(p => p.IsActive && p.JoinedAt == Now);
        chat.Title.ShouldBe("Support");
        chat.DomainEvents.Single().ShouldBeOfType<ChatCreated>().CreatedBy.ShouldBe(Staff);
    }

    [Fact]
    public void Start_with_only_oneself_is_refused()
    {
        Should.Throw<DomainRuleViolationException>(() => Chat.Start(ChatType.UserCustomer, SalonId, null, Staff, new[] { Staff }, Now))
            .Code.ShouldBe("chat_needs_two_participants");
    }

    [Fact]
    public void Start_user_customer_chat_without_a_customer_is_refused()
    {
        Should.Throw<DomainRuleViolationException>(() => Chat.Start(ChatType.UserCustomer, SalonId, null, Staff, new[] { ParticipantRef.User(7) }, Now))
            .Code.ShouldBe("chat_type_mismatch");
    }

    [Fact]
    public void Start_user_user_chat_with_a_customer_is_refused()
    {
        Should.Throw<DomainRuleViolationException>(() => Chat.Start(ChatType.UserUser, SalonId, null, Staff, new[] { Customer }, Now))
            .Code.ShouldBe("chat_type_mismatch");
    }

    [Fact]
    public void PostMessage_by_active_participant_creates_a_trimmed_message_that_announces_itself()
    {
        var chat = SavedChat();
        var later = Now.AddMinutes(3);

        var message = chat.ToSnapshot().PostMessage(Customer, MessageBody.Text("  Hi there "), null, null, later);

        message.ChatId.ShouldBe(chat.Id);
        message.Sender.ShouldBe(Customer);
        message.Content.ShouldBe("Hi there");
        message.CreatedAt.ShouldBe(later);
        (message.Id, message.Seq).ShouldBe((0L, 0L));
        message.DomainEvents.Single().ShouldBeOfType<MessageSent>().Message.ShouldBeSameAs(message);
    }

    [Fact]
    public void PostMessage_by_non_participant_is_refused()
    {
        var chat = SavedChat();

        Should.Throw<DomainPermissionException>(() => chat.ToSnapshot().PostMessage(ParticipantRef.Customer(999), MessageBody.Text("hi"), null, null, Now))
            .Code.ShouldBe("not_a_participant");
    }

    [Fact]
    public void PostMessage_by_removed_participant_is_refused()
    {
        var chat = SavedChat();
        chat.RemoveParticipant(Customer, Now);

        Should.Throw<DomainPermissionException>(() => chat.ToSnapshot().PostMessage(Customer, MessageBody.Text("hi"), null, null, Now));
    }

    [Fact]
    public void PostMessage_to_archived_chat_is_refused()
    {
        var chat = SavedChat();
        chat.Archive(Now);

        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, MessageBody.Text("hi"), null, null, Now))
            .Code.ShouldBe("chat_archived");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void PostMessage_text_without_content_is_refused(string? content)
    {
        var chat = SavedChat();

        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.Text, content), null, null, Now))
            .Code.ShouldBe("content_required");
    }

    [Fact]
    public void PostMessage_text_of_4000_characters_is_accepted_and_4001_refused()
    {
        var chat = SavedChat();

        chat.ToSnapshot().PostMessage(Staff, MessageBody.Text(new string('a', 4000)), null, null, Now).Content!.Length.ShouldBe(4000);
        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, MessageBody.Text(new string('a', 4001)), null, null, Now))
            .Code.ShouldBe("content_too_long");
    }

    [Fact]
    public void PostMessage_of_system_type_by_a_participant_is_refused()
    {
        var chat = SavedChat();

        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.System, "x"), null, null, Now))
            .Code.ShouldBe("system_message_reserved");
    }

    [Fact]
    public void PostMessage_image_needs_media_and_takes_optional_caption()
    {
        var chat = SavedChat();

        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.Image, "caption"), null, null, Now))
            .Code.ShouldBe("media_required");
        var attachment = new MessageAttachment("/uploads/chat/a.jpg", "a.jpg", "image/jpeg", 1234, "/uploads/chat/a_thumb.jpg", null);
        var message = chat.ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.Image, "  ", Attachments: [attachment]), null, null, Now);
        message.Content.ShouldBeNull();
        message.Attachments.ShouldBe([attachment]);
    }

    [Fact]
    public void PostMessage_keeps_several_files_in_the_order_given()
    {
        var files = Enumerable.Range(1, 3).Select(i => new MessageAttachment($"/uploads/chat/{i}.pdf", $"{i}.pdf", "application/pdf", i, null, null)).ToArray();

        var message = SavedChat().ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.File, "three", Attachments: files), null, null, Now);

        message.Attachments.Select(a => a.FileUrl).ShouldBe(["/uploads/chat/1.pdf", "/uploads/chat/2.pdf", "/uploads/chat/3.pdf"]);
    }

    [Fact]
    public void PostMessage_text_with_files_or_more_files_than_the_service_allows_is_refused()
    {
        var file = new MessageAttachment("/uploads/chat/a.pdf", null, "application/pdf", 1, null, null);

        Should.Throw<DomainRuleViolationException>(() => SavedChat().ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.Text, "hi", Attachments: [file]), null, null, Now))
            .Code.ShouldBe("media_not_allowed");
        Should.Throw<DomainRuleViolationException>(() => SavedChat().ToSnapshot().PostMessage(Staff,
                new MessageBody(MessageType.File, null, Attachments: Enumerable.Repeat(file, MessageBody.MaxAttachments + 1).ToArray()), null, null, Now))
            .Code.ShouldBe("too_many_attachments");
    }

    [Fact]
    public void PostMessage_with_a_duration_that_is_not_a_voice_note_is_refused()
    {
        var attachment = new MessageAttachment("/uploads/chat/a.jpg", "a.jpg", "image/jpeg", 1234, null, 3000);

        Should.Throw<DomainRuleViolationException>(() => SavedChat().ToSnapshot().PostMessage(Staff, new MessageBody(MessageType.Image, null, Attachments: [attachment]), null, null, Now))
            .Code.ShouldBe("duration_only_for_voice");
    }

    [Fact]
    public void PostMessage_reply_to_message_of_same_chat_keeps_reference()
    {
        var chat = SavedChat();
        var original = SavedMessage(chat, Customer, 101);

        var reply = chat.ToSnapshot().PostMessage(Staff, MessageBody.Text("sure"), original, null, Now);

        reply.ReplyToMessageId.ShouldBe(101);
    }

    [Fact]
    public void PostMessage_reply_to_message_of_other_chat_is_refused()
    {
        var chat = SavedChat(1);
        var other = SavedChat(2);
        var foreign = SavedMessage(other, Customer, 500);

        Should.Throw<DomainRuleViolationException>(() => chat.ToSnapshot().PostMessage(Staff, MessageBody.Text("sure"), foreign, null, Now))
            .Code.ShouldBe("reply_to_other_chat");
    }

    [Fact]
    public void PostMessage_keeps_entity_reference()
    {
        var chat = SavedChat();

        var message = chat.ToSnapshot().PostMessage(Staff, MessageBody.Text("your booking", new EntityReference("Appointment", 42, "Haircut")), null, null, Now);

        (message.EntityType, message.EntityId, message.EntityTitle).ShouldBe(("appointment", 42L, "Haircut"));
    }

    [Fact]
    public void MarkReadUpTo_moves_pointer_forward_and_raises_event()
    {
        var chat = SavedChat();
        var message = SavedMessage(chat, Staff, 101);

        chat.MarkReadUpTo(Customer, message, Now.AddMinutes(1)).ShouldBeTrue();

        var participant = chat.FindActiveParticipant(Customer)!;
        participant.LastReadMessageId.ShouldBe(101);
        participant.LastReadAt.ShouldBe(Now.AddMinutes(1));
        chat.DomainEvents.Single().ShouldBeOfType<MessagesRead>().UpToMessageId.ShouldBe(101);
    }

    [Fact]
    public void MarkReadUpTo_never_moves_pointer_backwards()
    {
        var chat = SavedChat();
        var older = SavedMessage(chat, Staff, 101);
        var newer = SavedMessage(chat, Staff, 105);
        chat.MarkReadUpTo(Customer, newer, Now);
        chat.ClearDomainEvents();

        chat.MarkReadUpTo(Customer, older, Now.AddMinutes(1)).ShouldBeFalse();
        chat.MarkReadUpTo(Customer, newer, Now.AddMinutes(1)).ShouldBeFalse();

        chat.FindActiveParticipant(Customer)!.LastReadMessageId.ShouldBe(105);
        chat.FindActiveParticipant(Customer)!.LastReadAt.ShouldBe(Now);
        chat.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void MarkReadUpTo_by_non_participant_is_refused()
    {
        var chat = SavedChat();
        var message = SavedMessage(chat, Staff, 101);

        Should.Throw<DomainPermissionException>(() => chat.MarkReadUpTo(ParticipantRef.Customer(9), message, Now));
    }

    [Fact]
    public void MarkReadUpTo_message_of_other_chat_is_refused()
    {
        var chat = SavedChat(1);
        var foreign = SavedMessage(SavedChat(2), Customer, 500);

        Should.Throw<DomainRuleViolationException>(() => chat.MarkReadUpTo(Customer, foreign, Now)).Code.ShouldBe("message_of_other_chat");
    }

    [Fact]
    public void Archive_twice_raises_one_event_and_unarchive_reopens_sending()
    {
        var chat = SavedChat();

        chat.Archive(Now);
        chat.Archive(Now);
        chat.Unarchive(Now);

        chat.IsArchived.ShouldBeFalse();
        chat.DomainEvents.OfType<ChatArchiveStateChanged>().Select(e => e.IsArchived).ShouldBe(new[] { true, false });
        chat.ToSnapshot().PostMessage(Staff, MessageBody.Text("back"), null, null, Now).ShouldNotBeNull();
    }

    [Fact]
    public void AddParticipant_adds_new_and_reactivates_removed()
    {
        var chat = SavedChat();
        var colleague = ParticipantRef.User(789);

        chat.AddParticipant(colleague, Now);
        chat.RemoveParticipant(colleague, Now.AddMinutes(1));
        chat.AddParticipant(colleague, Now.AddMinutes(2));

        chat.Participants.Count(p => p.Participant == colleague).ShouldBe(1);
        chat.FindActiveParticipant(colleague)!.JoinedAt.ShouldBe(Now.AddMinutes(2));
        chat.DomainEvents.Select(e => e.GetType().Name).ShouldBe(new[] { "ParticipantAdded", "ParticipantRemoved", "ParticipantAdded" });
    }

    [Fact]
    public void AddParticipant_already_active_is_refused()
    {
        var chat = SavedChat();

        Should.Throw<DomainRuleViolationException>(() => chat.AddParticipant(Customer, Now)).Code.ShouldBe("already_a_participant");
    }

    [Fact]
    public void RemoveParticipant_last_active_is_refused()
    {
        var chat = SavedChat();
        chat.RemoveParticipant(Customer, Now);

        Should.Throw<DomainRuleViolationException>(() => chat.RemoveParticipant(Staff, Now)).Code.ShouldBe("last_participant");
    }
}
