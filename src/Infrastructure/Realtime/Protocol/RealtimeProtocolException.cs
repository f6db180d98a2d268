namespace CleanChat.Infrastructure.Realtime.Protocol;

/// <summary>A frame that breaks the socket protocol itself (not a chat rule); answered with an error frame of this code.</summary>
public sealed class RealtimeProtocolException : Exception
{
    public RealtimeProtocolException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
