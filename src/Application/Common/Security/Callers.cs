namespace CleanChat.Application.Common.Security;

/// <summary>Which kinds of authenticated caller a request admits.</summary>
public enum Callers
{
    /// <summary>Any signed-in staff user or customer.</summary>
    Any,
    Staff,
    Customer,
    SalonAdmin,

    /// <summary>Only the service itself (command-line verbs); never reachable over HTTP or WebSocket.</summary>
    System,
}
