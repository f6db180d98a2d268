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

    /// <summary>
    /// Whether a notification's frame reads differently to its <see cref="ChatNotification.Actor"/> (the
    /// mentoring protocol's <c>is_own_message</c>); the notifier then encodes it twice, once per side.
    /// </summary>
    bool SetsOwnFrames { get; }

    /// <summary>The protocol's name in statistics and metrics: <c>salon</c>, <c>hotel</c>, <c>mentoring</c>.</summary>
    string Dialect { get; }

    /// <summary>
    /// Whether a customer's socket follows their own hotel stays' conversations without asking (the hotel
    /// protocol's guests): joined to them on connect, and to a new one when it opens.
    /// </summary>
    bool CustomersFollowTheirStays => false;

    /// <summary>The frame for a notification, or an empty one when the protocol has nothing to say about it.</summary>
    /// <param name="toActor">The recipient caused the notification (only asked when <see cref="SetsOwnFrames"/>).</param>
    ReadOnlyMemory<byte> Encode(ChatNotification notification, bool toActor);

    /// <summary>The frame for a reply, or an empty one when the protocol has no such frame.</summary>
    ReadOnlyMemory<byte> Encode(SocketReply reply);
}
