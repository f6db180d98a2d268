using CleanChat.Domain.Common;

namespace CleanChat.Application.Messages;

/// <summary>How far one active participant of a chat has had (delivered) and read its messages.</summary>
internal sealed record ParticipantPosition(ParticipantType Type, long Id, long ReadUpTo, DateTime? ReadAt, long DeliveredUpTo, DateTime? DeliveredAt);

/// <summary>
/// A message's receipts and status from its chat's participant positions: the rule of ✓ / ✓✓ / read, in one
/// place for every dialect.
/// </summary>
internal static class MessageReceipts
{
    public static MessageDto Apply(MessageDto dto, IReadOnlyList<ParticipantPosition> participants)
    {
        // Senders do not receipt their own messages.
        var senderId = dto.SenderUserId ?? dto.SenderCustomerId;
        var others = participants.Where(p => !(p.Type == dto.SenderType && p.Id == senderId)).ToList();
        var read = others
            .Where(p => p.ReadUpTo >= dto.Id)
            .Select(p => new ReadReceiptDto(p.Type, p.Id, p.ReadAt!.Value))
            .ToList();

        // Reading implies having had it, even when no delivery was recorded first (a read from another device).
        var delivered = others
            .Where(p => p.DeliveredUpTo >= dto.Id || p.ReadUpTo >= dto.Id)
            .Select(p => new DeliveredReceiptDto(p.Type, p.Id, p.DeliveredUpTo >= dto.Id ? p.DeliveredAt!.Value : p.ReadAt!.Value))
            .ToList();

        // Read once every other active participant has read it, delivered once it reached them all; a chat
        // where the sender is alone stays sent.
        var status = others.Count == 0 ? MessageStatus.Sent
            : read.Count == others.Count ? MessageStatus.Read
            : delivered.Count == others.Count ? MessageStatus.Delivered
            : MessageStatus.Sent;
        return dto with { ReadReceipts = read, DeliveredReceipts = delivered, Status = status };
    }
}
