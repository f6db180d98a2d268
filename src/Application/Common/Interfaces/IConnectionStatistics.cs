using CleanChat.Application.Connections.Queries.GetConnectionStats;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>What this node's open sockets and their traffic look like right now.</summary>
public interface IConnectionStatistics
{
    /// <summary>How far back the frame rates look.</summary>
    int WindowSeconds { get; }

    /// <summary>The sockets that count for a salon: its staff's, and customers' that joined one of its chats.</summary>
    ConnectionCountsDto ForSalon(long salonId);

    /// <summary>Every socket of this node.</summary>
    ConnectionCountsDto ForNode();
}
