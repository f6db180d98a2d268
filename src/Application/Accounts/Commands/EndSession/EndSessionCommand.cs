using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.EndSession;

/// <summary>
/// Logs a browser session out: the session named by <see cref="Token"/> ends for good, and the sockets it
/// opened close. Ending a session that is unknown or already over changes nothing, so a second logout is no error.
/// </summary>
[AllowAnonymous]
public sealed record EndSessionCommand(string Token) : IRequest;

internal sealed class EndSessionCommandHandler : IRequestHandler<EndSessionCommand, Unit>
{
    private readonly ILoginSessionRepository _sessions;
    private readonly ISessionTokens _tokens;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ISessionSockets _sockets;
    private readonly TimeProvider _time;

    public EndSessionCommandHandler(ILoginSessionRepository sessions, ISessionTokens tokens, IUnitOfWork unitOfWork, ISessionSockets sockets, TimeProvider time)
    {
        _sockets = sockets;
        _sessions = sessions;
        _tokens = tokens;
        _unitOfWork = unitOfWork;
        _time = time;
    }

    public async Task<Unit> Handle(EndSessionCommand request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token) || await _sessions.FindAsync(_tokens.Hash(request.Token), cancellationToken) is not { EndedAt: null } session)
            return Unit.Value;

        session.End(_time.GetUtcNow().UtcDateTime);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        _sockets.CloseAll(session.Participant, session.Id);
        return Unit.Value;
    }
}
