using CleanChat.Application.Chats;
using CleanChat.Application.Messages;
using CleanChat.Domain.Chats;
using Riok.Mapperly.Abstractions;

namespace CleanChat.WebApi.Dialects.Marketplace;

/// <summary>
/// Core DTOs in the marketplace's shapes. Renamed members are generated; the few that combine core fields
/// (the sender's id, when a message last changed) are passed in. No rule is decided here.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class MarketplaceMapper
{
    public static MarketplaceConversation ToConversation(PeerChatDto peer)
    {
        var chat = peer.Chat;
        return new MarketplaceConversation
        {
            ConversationId = chat.Id,
            // The chat's first participant started it.
            User1Id = chat.Participants.Count > 0 ? chat.Participants[0].ParticipantId : 0,
            User2Id = chat.Participants.Count > 1 ? chat.Participants[1].ParticipantId : 0,
            ConversationType = chat.Context?.Type ?? "general",
            ContextId = chat.Context?.Id,
            ContextTitle = chat.Context?.Title,
            CreatedAt = chat.CreatedAt,
            UpdatedAt = chat.UpdatedAt,
            IsActive = chat.IsActive,
            LastMessageId = peer.LastMessage?.Id,
            LastMessageAt = chat.LastMessageAt,
            UnreadCount = chat.UnreadCount,
            OtherUser = new MarketplaceUser(peer.OtherMember?.ParticipantId ?? 0, peer.OtherMember?.Name),
            LastMessage = peer.LastMessage is null ? null : ToMessage(peer.LastMessage),
        };
    }

    public static MarketplaceMessage ToMessage(MessageDto message) =>
        Copy(
            message,
            senderId: message.SenderCustomerId ?? message.SenderUserId ?? 0,
            messageType: TypeName(message.MessageType),
            updatedAt: message.DeletedAt ?? message.EditedAt ?? message.CreatedAt);

    // The marketplace knows text, image, file and system; a voice note (sent from a salon client) is a file to it.
    private static string TypeName(MessageType type) => type switch
    {
        MessageType.Text => "text",
        MessageType.Image => "image",
        MessageType.System => "system",
        _ => "file",
    };

    [MapProperty(nameof(MessageDto.Id), nameof(MarketplaceMessage.MessageId))]
    [MapProperty(nameof(MessageDto.ChatId), nameof(MarketplaceMessage.ConversationId))]
    [MapProperty(nameof(MessageDto.MediaUrl), nameof(MarketplaceMessage.FileUrl))]
    [MapperIgnoreSource(nameof(MessageDto.MessageType))]
    [MapperIgnoreSource(nameof(MessageDto.Seq))]
    [MapperIgnoreSource(nameof(MessageDto.ClientMessageId))]
    [MapperIgnoreSource(nameof(MessageDto.SenderType))]
    [MapperIgnoreSource(nameof(MessageDto.SenderUserId))]
    [MapperIgnoreSource(nameof(MessageDto.SenderCustomerId))]
    [MapperIgnoreSource(nameof(MessageDto.SenderName))]
    [MapperIgnoreSource(nameof(MessageDto.FileType))]
    [MapperIgnoreSource(nameof(MessageDto.ThumbnailUrl))]
    [MapperIgnoreSource(nameof(MessageDto.DurationMs))]
    [MapperIgnoreSource(nameof(MessageDto.ReplyToMessageId))]
    [MapperIgnoreSource(nameof(MessageDto.EntityType))]
    [MapperIgnoreSource(nameof(MessageDto.EntityId))]
    [MapperIgnoreSource(nameof(MessageDto.EntityTitle))]
    [MapperIgnoreSource(nameof(MessageDto.EditedAt))]
    [MapperIgnoreSource(nameof(MessageDto.DeletedAt))]
    [MapperIgnoreSource(nameof(MessageDto.ReadReceipts))]
    private static partial MarketplaceMessage Copy(MessageDto message, long senderId, string messageType, DateTime updatedAt);
}
