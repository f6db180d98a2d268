using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Application.Chats.Commands.CreateChat;

/// <summary>
/// What both ways of creating a chat share: start it, commit it, post the first message through the
/// message store like any other message (seq 1, after the chat's own event), read it back.
/// </summary>
internal sealed class ChatOpener
{
    private readonly IChatRepository _chats;
    private readonly IMessageStore _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly IChatReadModel _read;
    private readonly IPresenceTracker _presence;
    private readonly IParticipantProfiles _profiles;
    private readonly Push.OfflinePush _offlinePush;
    private readonly TimeProvider _time;

    public ChatOpener(IChatRepository chats, IMessageStore messages, IUnitOfWork unitOfWork, IChatReadModel read, IPresenceTracker presence, IParticipantProfiles profiles,
        Push.OfflinePush offlinePush, TimeProvider time)
    {
        _offlinePush = offlinePush;
        _profiles = profiles;
        _chats = chats;
        _messages = messages;
        _unitOfWork = unitOfWork;
        _read = read;
        _presence = presence;
        _time = time;
    }

    public Task<ChatDto> OpenAsync(ChatType type, long salonId, string? title, Caller creator, ParticipantRef other, string? initialMessage, CancellationToken cancellationToken) =>
        OpenAsync(Chat.Start(type, salonId, title, creator.Participant, new[] { other }, _time.GetUtcNow().UtcDateTime), creator, initialMessage, cancellationToken);

    /// <summary>Stores a chat just started by <paramref name="creator"/>, with its greeting if there is one.</summary>
    public async Task<ChatDto> OpenAsync(Chat chat, Caller creator, string? initialMessage, CancellationToken cancellationToken)
    {
        var now = chat.CreatedAt;
        _chats.Add(chat);
        await _unitOfWork.SaveChangesAsync(cancellationToken);

        if (!string.IsNullOrWhiteSpace(initialMessage))
        {
            // The first message is announced from the event lane, which then finds the sender's profile
            // cached instead of querying for it behind this request's back.
            await _profiles.GetAsync(creator.Participant, cancellationToken);

            // If this fails the request fails: the chat exists without its greeting, and nothing the
            // creator was told had been sent is missing.
            var snapshot = chat.ToSnapshot();
            var greeting = snapshot.PostMessage(creator.Participant, MessageBody.Text(initialMessage), null, null, now);
            await _messages.AppendAsync(greeting, cancellationToken);
            _offlinePush.Announce(snapshot, greeting, creator.DisplayName);
        }

        var dtos = await ChatProjection.ToDtosAsync(_read, _read.Chats.Where(c => c.Id == chat.Id), creator, _presence, cancellationToken);
        return dtos[0];
    }
}
