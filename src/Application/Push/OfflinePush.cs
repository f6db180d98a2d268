using CleanChat.Application.Common.Interfaces;
using CleanChat.Domain.Chats;

namespace CleanChat.Application.Push;

/// <summary>
/// Announces a new message by Web Push to the chat's participants who have no socket open anywhere (a
/// socket hears it live). Decided once per message, on the node that stored it, so a push goes out once
/// however many nodes there are; the sending itself is queued.
/// </summary>
internal sealed class OfflinePush
{
    public const int PreviewLength = 100;

    private readonly IPushDelivery _push;
    private readonly IPresenceTracker _presence;

    public OfflinePush(IPushDelivery push, IPresenceTracker presence)
    {
        _push = push;
        _presence = presence;
    }

    public void Announce(ChatSnapshot chat, ChatMessage message, string? senderName)
    {
        if (_push.PublicKey is null)
            return;

        var offline = chat.ActiveParticipants.Where(p => p != message.Sender && !_presence.IsOnline(p)).ToList();
        if (offline.Count > 0)
            _push.TryEnqueue(new PushJob(chat.Id, message.Id, senderName ?? "Someone", Preview(message), offline));
    }

    private static string Preview(ChatMessage message)
    {
        var (one, many) = message.MessageType switch
        {
            MessageType.Image => ("image", "images"),
            MessageType.Voice => ("voice note", "voice notes"),
            _ => ("file", "files"),
        };
        var files = message.Attachments.Count switch
        {
            0 => null,
            1 => $"[{one}]",
            var n => $"[{n} {many}]",
        };
        var text = string.Join(' ', new[] { files, message.Content }.Where(part => !string.IsNullOrEmpty(part)));
        return text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…");
    }
}
