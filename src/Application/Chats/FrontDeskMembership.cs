using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;

namespace CleanChat.Application.Chats;

/// <summary>
/// At a front-desk chat a staff user of the salon becomes a participant by posting: this takes their place
/// (committed, so they then read and are counted like any participant) before their message is posted.
/// </summary>
internal sealed class FrontDeskMembership
{
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly TimeProvider _time;

    public FrontDeskMembership(IChatRepository chats, IUnitOfWork unitOfWork, TimeProvider time)
    {
        _chats = chats;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    /// <summary>The chat as the sender posts to it: unchanged, unless the sender is staff arriving at its front desk.</summary>
    public async Task<ChatSnapshot> ForSenderAsync(ChatSnapshot chat, Caller sender, CancellationToken cancellationToken)
    {
        if (chat.IsActiveParticipant(sender.Participant) || !chat.IsOpenTo(sender.Participant, sender.SalonId))
            return chat;

        var tracked = await _chats.FindAsync(chat.Id, cancellationToken) ?? throw new Common.Exceptions.NotFoundException("Chat");
        tracked.JoinFrontDesk(sender.Participant, sender.SalonId, _time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return tracked.ToSnapshot();
    }
}
