using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>The sockets a browser session opened: they must not outlive it.</summary>
public interface ISessionSockets
{
    /// <summary>Closes the sockets the session opened; called once it has ended (logout, a login over it).</summary>
    void CloseAll(ParticipantRef participant, long sessionId);
}
