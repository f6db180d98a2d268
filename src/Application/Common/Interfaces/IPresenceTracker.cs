using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>Who is connected right now; fed by the real-time transport.</summary>
public interface IPresenceTracker
{
    bool IsOnline(ParticipantRef participant);
}
