using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

public class ChatSnapshotTests
{
    [Fact]
    public void Snapshot_holds_only_active_participants()
    {
        var chat = SavedChat();
        var colleague = ParticipantRef.User(789);
        chat.AddParticipant(colleague, Now);
        chat.RemoveParticipant(Customer, Now);

        var snapshot = chat.ToSnapshot();

        snapshot.ActiveParticipants.ShouldBe(new[] { Staff, colleague }, ignoreOrder: true);
        snapshot.SalonId.ShouldBe(SalonId);
    }

    [Fact]
    public void PostMessage_through_a_snapshot_creates_an_unstored_message_with_the_client_id_and_raises_message_sent()
    {
        var clientId = Guid.NewGuid();

        var message = SavedChat(7).ToSnapshot().PostMessage(Customer, MessageBody.Text("  hi  "), null, clientId, Now);

        message.ShouldSatisfyAllConditions(
            () => message.ChatId.ShouldBe(7),
            () => message.Content.ShouldBe("hi"),
            () => message.ClientMessageId.ShouldBe(clientId),
            () => message.Id.ShouldBe(0),
            () => message.Seq.ShouldBe(0),
            () => message.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<MessageSent>());
    }

    [Fact]
    public void PostMessage_through_a_snapshot_applies_the_aggregate_rules()
    {
        var chat = SavedChat();
        chat.RemoveParticipant(Customer, Now);
        var removed = chat.ToSnapshot();
        chat.Archive(Now);
        var archived = chat.ToSnapshot();
        var foreignReply = SavedMessage(SavedChat(2), Staff, 500);

        Should.Throw<DomainPermissionException>(() => removed.PostMessage(Customer, MessageBody.Text("hi"), null, null, Now)).Code.ShouldBe("not_a_participant");
        Should.Throw<DomainRuleViolationException>(() => archived.PostMessage(Staff, MessageBody.Text("hi"), null, null, Now)).Code.ShouldBe("chat_archived");
        Should.Throw<DomainRuleViolationException>(() => SavedChat().ToSnapshot().PostMessage(Staff, MessageBody.Text("hi"), foreignReply, null, Now)).Code.ShouldBe("reply_to_other_chat");
    }

    [Fact]
    public void A_stored_id_and_seq_are_recorded_once()
    {
        var message = SavedChat().ToSnapshot().PostMessage(Staff, MessageBody.Text("hi"), null, null, Now);

        message.RecordStored(41, 3);

        (message.Id, message.Seq).ShouldBe((41L, 3L));
        Should.Throw<InvalidOperationException>(() => message.RecordStored(42, 4));
    }
}
