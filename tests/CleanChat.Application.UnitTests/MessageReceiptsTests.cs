using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Application.UnitTests;

/// <summary>A message's status as its sender sees it: sent, delivered to every other participant, read by all.</summary>
public class MessageReceiptsTests
{
    private static readonly DateTime At = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    // Message 10, sent by customer 1.
    private static readonly MessageDto Message = new()
    {
        Id = 10,
        ChatId = 1,
        Seq = 3,
        SenderType = ParticipantType.Customer,
        SenderCustomerId = 1,
        MessageType = MessageType.Text,
        Content = "hello",
        CreatedAt = At,
        IsDeleted = false,
    };

    private static ParticipantPosition Sender => new(ParticipantType.Customer, 1, 10, At, 10, At);

    private static ParticipantPosition Other(long id, long delivered = 0, long read = 0) =>
        new(ParticipantType.User, id, read, read > 0 ? At.AddMinutes(2) : null, delivered, delivered > 0 ? At.AddMinutes(1) : null);

    [Fact]
    public void Stored_but_not_yet_handed_to_anyone_is_sent()
    {
        var dto = MessageReceipts.Apply(Message, [Sender, Other(7, delivered: 9, read: 9)]);

        dto.Status.ShouldBe(MessageStatus.Sent);
        dto.DeliveredReceipts.ShouldBeEmpty();
        dto.ReadReceipts.ShouldBeEmpty();
    }

    [Fact]
    public void Delivered_needs_every_other_participant()
    {
        var toOne = MessageReceipts.Apply(Message, [Sender, Other(7, delivered: 10), Other(8)]);
        var toBoth = MessageReceipts.Apply(Message, [Sender, Other(7, delivered: 10), Other(8, delivered: 12)]);

        toOne.Status.ShouldBe(MessageStatus.Sent);
        toOne.DeliveredReceipts.Select(r => r.ParticipantId).ShouldBe([7L]);
        toBoth.Status.ShouldBe(MessageStatus.Delivered);
        toBoth.DeliveredReceipts.Select(r => r.ParticipantId).ShouldBe([7L, 8L], ignoreOrder: true);
        toBoth.DeliveredReceipts.ShouldAllBe(r => r.DeliveredAt == At.AddMinutes(1));
    }

    [Fact]
    public void Read_by_all_is_read_and_reading_counts_as_delivered_even_unrecorded()
    {
        var dto = MessageReceipts.Apply(Message, [Sender, Other(7, delivered: 10, read: 10), Other(8, read: 11)]);

        dto.Status.ShouldBe(MessageStatus.Read);
        dto.ReadReceipts.Select(r => r.ReaderId).ShouldBe([7L, 8L], ignoreOrder: true);
        dto.DeliveredReceipts.Single(r => r.ParticipantId == 8).DeliveredAt.ShouldBe(At.AddMinutes(2));
    }

    [Fact]
    public void Read_by_some_and_delivered_to_the_rest_is_delivered()
    {
        var dto = MessageReceipts.Apply(Message, [Sender, Other(7, read: 10), Other(8, delivered: 10)]);

        dto.Status.ShouldBe(MessageStatus.Delivered);
        dto.ReadReceipts.Select(r => r.ReaderId).ShouldBe([7L]);
    }

    [Fact]
    public void The_sender_is_never_their_own_receipt_and_alone_stays_sent()
    {
        var dto = MessageReceipts.Apply(Message, [Sender]);

        dto.Status.ShouldBe(MessageStatus.Sent);
        dto.ReadReceipts.ShouldBeEmpty();
        dto.DeliveredReceipts.ShouldBeEmpty();
    }

    [Fact]
    public void A_staff_member_with_the_senders_id_is_someone_else()
    {
        var dto = MessageReceipts.Apply(Message, [Sender, new ParticipantPosition(ParticipantType.User, 1, 10, At, 10, At)]);

        dto.Status.ShouldBe(MessageStatus.Read);
        dto.ReadReceipts.ShouldHaveSingleItem().ReaderType.ShouldBe(ParticipantType.User);
    }
}
