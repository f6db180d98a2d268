using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>Display names of staff users and customers, as messages show their senders.</summary>
public interface IParticipantNames
{
    /// <summary>The name to show, or null for someone unknown.</summary>
    ValueTask<string?> GetAsync(ParticipantRef participant, CancellationToken cancellationToken);
}
