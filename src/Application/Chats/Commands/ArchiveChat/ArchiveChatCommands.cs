using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Chats.Commands.ArchiveChat;

/// <summary>Archives a chat: it stays readable but takes no new messages until unarchived.</summary>
[Authorize(Callers.Staff)]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record ArchiveChatCommand(long ChatId) : IRequest, IChatScopedRequest;

[Authorize(Callers.Staff)]
[ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
public sealed record UnarchiveChatCommand(long ChatId) : IRequest, IChatScopedRequest;

internal sealed class ArchiveChatCommandHandlers : IRequestHandler<ArchiveChatCommand, Unit>, IRequestHandler<UnarchiveChatCommand, Unit>
{
    private readonly IChatRepository _chats;
    private readonly IUnitOfWork _unitOfWork;
    private readonly TimeProvider _time;

    public ArchiveChatCommandHandlers(IChatRepository chats, IUnitOfWork unitOfWork, TimeProvider time)
    {
        _chats = chats;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    public async Task<Unit> Handle(ArchiveChatCommand request, CancellationToken cancellationToken)
    {
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");
        chat.Archive(_time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(UnarchiveChatCommand request, CancellationToken cancellationToken)
    {
        var chat = await _chats.FindAsync(request.ChatId, cancellationToken) ?? throw new NotFoundException("Chat");
        chat.Unarchive(_time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
