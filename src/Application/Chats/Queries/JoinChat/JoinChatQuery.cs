using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Chats.Queries.JoinChat;

/// <summary>
/// Asks to follow a chat live. Only active participants may: the authorization behaviour refuses
/// everyone else before this handler runs; the answer is what the client needs to start following.
/// </summary>
[Authorize]
[ChatAccess(ChatAccessLevel.Participant)]
/// <param name="LastSeq">The last seq the client saw, when it rejoins to catch up; the caller then replays from there.</param>
public sealed record JoinChatQuery(long ChatId, long? LastSeq = null) : IRequest<JoinedChatDto>, IChatScopedRequest;

public sealed class JoinChatQueryValidator : AbstractValidator<JoinChatQuery>
{
    public JoinChatQueryValidator() =>
        RuleFor(q => q.LastSeq).GreaterThanOrEqualTo(0).When(q => q.LastSeq is not null);
}

/// <param name="LastSeq">The newest message's seq when joined (0 when none): what a reload of history will cover.</param>
public sealed record JoinedChatDto(long ChatId, bool IsArchived, long? LastMessageId, long LastSeq = 0, long? SalonId = null);

internal sealed class JoinChatQueryHandler : IRequestHandler<JoinChatQuery, JoinedChatDto>
{
    private readonly IChatReadModel _read;

    public JoinChatQueryHandler(IChatReadModel read) => _read = read;

    public async Task<JoinedChatDto> Handle(JoinChatQuery request, CancellationToken cancellationToken)
    {
        var messages = _read.Messages;
        return await _read.Chats
            .Where(c => c.Id == request.ChatId)
            .Select(c => new JoinedChatDto(c.Id, c.IsArchived,
                messages.Where(m => m.ChatId == c.Id).OrderByDescending(m => m.Seq).Select(m => (long?)m.Id).FirstOrDefault(),
                messages.Where(m => m.ChatId == c.Id).OrderByDescending(m => m.Seq).Select(m => m.Seq).FirstOrDefault(),
                c.SalonId))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Chat");
    }
}
