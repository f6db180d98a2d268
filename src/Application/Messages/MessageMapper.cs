using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using Riok.Mapperly.Abstractions;

namespace CleanChat.Application.Messages;

/// <summary>
/// A message held in memory (one just committed) as its DTO. The copied members are generated; the sender's
/// ids and name, and what a deletion hides, are computed here. Stored messages are projected in SQL instead
/// (see <see cref="MessageProjection"/>), where the same decisions are made before any row is read.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class MessageMapper
{
    public static MessageDto ToDto(ChatMessage message, string? senderName)
    {
        var dto = Copy(
            message,
            senderUserId: message.SenderType == ParticipantType.User ? message.SenderId : null,
            senderCustomerId: message.SenderType == ParticipantType.Customer ? message.SenderId : null,
            senderName);
        return message.IsDeleted ? dto.WithoutContent() : dto;
    }

    [MapperIgnoreTarget(nameof(MessageDto.ReadReceipts))]
    [MapperIgnoreTarget(nameof(MessageDto.Status))]
    [MapperIgnoreTarget(nameof(MessageDto.DeliveredReceipts))]
    private static partial MessageDto Copy(ChatMessage message, long? senderUserId, long? senderCustomerId, string? senderName);

    private static partial AttachmentDto Copy(MessageAttachment attachment);
}
