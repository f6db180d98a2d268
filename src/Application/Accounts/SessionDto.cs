using CleanChat.Domain.Common;

namespace CleanChat.Application.Accounts;

/// <summary>A session login's answer: who is signed in and until when at the latest.</summary>
public sealed record SessionDto(ParticipantType ParticipantType, long ParticipantId, string Name, DateTime ExpiresAt);

/// <summary>A started session: its answer, and the secret value that names it (the cookie's), never stored.</summary>
public sealed record StartedSession(SessionDto Session, string Token);
