namespace CleanChat.Application.Common.Security;

/// <summary>Who is running the current request; supplied by the transport (HTTP, WebSocket, command line).</summary>
public interface ICurrentCaller
{
    /// <summary>The signed-in person, or null when anonymous.</summary>
    Caller? Caller { get; }

    /// <summary>True only inside the service's own command-line verbs.</summary>
    bool IsSystem { get; }
}
