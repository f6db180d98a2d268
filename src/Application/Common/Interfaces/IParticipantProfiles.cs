using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>Who staff users and customers are, as messages show their senders.</summary>
public interface IParticipantProfiles
{
    /// <summary>The participant's profile, or null for someone unknown.</summary>
    ValueTask<ParticipantProfile?> GetAsync(ParticipantRef participant, CancellationToken cancellationToken);

    /// <summary>The profiles of those found among <paramref name="participants"/>, loading the ones not cached in one query per kind.</summary>
    Task<IReadOnlyDictionary<ParticipantRef, ParticipantProfile>> GetManyAsync(IReadOnlyCollection<ParticipantRef> participants, CancellationToken cancellationToken);
}

/// <param name="Name">The name to show: a staff member's, or a customer's (their phone number when they gave none).</param>
/// <param name="Username">What they sign in with: a staff member's e-mail, a customer's phone number.</param>
/// <param name="Email">A staff member's e-mail; a customer's if they gave one.</param>
/// <param name="JobTitle">A staff member's job title, if they have one.</param>
public sealed record ParticipantProfile(ParticipantRef Participant, string Name, string Username, string? Email, JobTitle? JobTitle);
