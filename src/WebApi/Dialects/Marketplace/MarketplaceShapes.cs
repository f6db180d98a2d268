using CleanChat.Application.Messages;

namespace CleanChat.WebApi.Dialects.Marketplace;

// The marketplace seed's shapes (snake_case on the wire, like every CleanChat response). Ids are the core's:
// conversation_id is the chat's id and message_id the message's, the same the salon API and sockets show.

public sealed record MarketplaceConversation
{
    public required long ConversationId { get; init; }
    public required long User1Id { get; init; }
    public required long User2Id { get; init; }
    public required string ConversationType { get; init; }
    public long? ContextId { get; init; }
    public string? ContextTitle { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required bool IsActive { get; init; }
    public long? LastMessageId { get; init; }
    public DateTime? LastMessageAt { get; init; }
    public required int UnreadCount { get; init; }
    public required MarketplaceUser OtherUser { get; init; }
    public MarketplaceMessage? LastMessage { get; init; }
}

public sealed record MarketplaceUser(long UserId, string? Name);

public sealed record MarketplaceMessage
{
    public required long MessageId { get; init; }
    public required long ConversationId { get; init; }
    public required long SenderId { get; init; }
    public required string MessageType { get; init; }
    public string? Content { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required MessageStatus Status { get; init; }
    public required bool IsEdited { get; init; }
    public required bool IsDeleted { get; init; }
    public string? FileUrl { get; init; }
    public string? FileName { get; init; }
    public long? FileSize { get; init; }

    /// <summary>Every file of the message (file_url and the rest describe the first): a message sent from a salon client may carry several.</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = Array.Empty<AttachmentDto>();
}

public sealed record MarketplaceConversationList(IReadOnlyList<MarketplaceConversation> Conversations, int Total, int Page, int PageSize);

public sealed record MarketplaceMessageList(IReadOnlyList<MarketplaceMessage> Messages, int Total, int Page, int PageSize, bool HasMore);

public sealed record StartConversationRequest(long? User2Id, string? ConversationType, long? ContextId, string? ContextTitle, string? InitialMessage);

public sealed record SendMarketplaceMessageRequest(long? ConversationId, string? Content, CleanChat.Domain.Chats.MessageType? MessageType, string? FileUrl);

public sealed record MarkConversationReadRequest(long? MessageId);
