using CleanChat.Application.Common.Notifications;

namespace CleanChat.Infrastructure.Realtime.Protocol;

/// <summary>
/// One client protocol's wire format on a socket: how its frames read and how notifications and replies
/// look. Each connection has one; the notifier encodes a notification once per codec among its recipients.
/// Codecs hold no state and no rules: everything a frame asks for goes through the same commands.
/// </summary>
public interface IRealtimeCodec
{
    /// <summary>Reads one text frame; a frame that is not of this protocol throws <see cref="RealtimeProtocolException"/>.</summary>
    ClientFrame Decode(ReadOnlySpan<byte> payload);

    ReadOnlyMemory<byte> Encode(ChatNotification notification);

    ReadOnlyMemory<byte> Encode(SocketReply reply);
}
