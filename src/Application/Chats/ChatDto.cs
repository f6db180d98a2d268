using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Chats;

/// <summary>A chat as the integration guide shows it, seen by one caller (their own <see cref="UnreadCount"/>).</summary>
public sealed record ChatDto
{
    public required long Id { get; init; }
    public required ChatType ChatType { get; init; }
    /// <summary>Null for a peer chat between customers.</summary>
    public long? SalonId { get; init; }
    public string? Title { get; init; }

    /// <summary>What the chat is about (null when it was not started about anything).</summary>
    public ChatContextDto? Context { get; init; }
    public required bool IsActive { get; init; }
    public required bool IsArchived { get; init; }
    public DateTime? LastMessageAt { get; init; }
    public string? LastMessagePreview { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required IReadOnlyList<ParticipantDto> Participants { get; init; }
    public required int TotalMessages { get; init; }

    /// <summary>
    /// The chat's latest message seq when this was read (0: none yet). A client that lists chats and then
    /// joins them passes it as join_chat's last_seq, so what was sent in between is replayed, not missed.
    /// </summary>
    public required long LastSeq { get; init; }
    public required int UnreadCount { get; init; }

    /// <summary>Ids of participants connected right now (the guide's shape); each participant also says <c>is_online</c>.</summary>
    public required IReadOnlyList<long> OnlineParticipants { get; init; }
}

public sealed record ParticipantDto
{
    public required ParticipantType ParticipantType { get; init; }
    public required long ParticipantId { get; init; }
    public required DateTime JoinedAt { get; init; }
    public required bool IsActive { get; init; }
    public required int UnreadCount { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public long? LastReadMessageId { get; init; }
    public DateTime? LastReadAt { get; init; }
    public required bool IsOnline { get; init; }
}

public sealed record ChatContextDto(string Type, long? Id, string? Title);
