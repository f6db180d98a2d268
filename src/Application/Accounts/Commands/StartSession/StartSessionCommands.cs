using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Accounts.Commands.StartSession;

/// <summary>
/// A staff user signs in for a browser session. <see cref="ReplacedToken"/> is the session the browser
/// held until now, if any: it ends, so every login gets a new session value (no session fixation).
/// </summary>
[AllowAnonymous]
public sealed record StartStaffSessionCommand(string Username, string Password, string? ReplacedToken = null) : IRequest<StartedSession>;

/// <summary>A customer signs in for a browser session; see <see cref="StartStaffSessionCommand"/>.</summary>
[AllowAnonymous]
public sealed record StartCustomerSessionCommand(string PhoneNumber, string Password, string? ReplacedToken = null) : IRequest<StartedSession>;

public sealed class StartStaffSessionCommandValidator : AbstractValidator<StartStaffSessionCommand>
{
    public StartStaffSessionCommandValidator()
    {
        RuleFor(c => c.Username).NotEmpty().MaximumLength(StaffUser.MaxEmailLength);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
    }
}

public sealed class StartCustomerSessionCommandValidator : AbstractValidator<StartCustomerSessionCommand>
{
    public StartCustomerSessionCommandValidator()
    {
        RuleFor(c => c.PhoneNumber).NotEmpty().MaximumLength(Customer.MaxPhoneLength);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
    }
}

internal sealed class StartSessionCommandHandlers :
    IRequestHandler<StartStaffSessionCommand, StartedSession>,
    IRequestHandler<StartCustomerSessionCommand, StartedSession>
{
    private readonly AccountSignIn _signIn;
    private readonly ILoginSessionRepository _sessions;
    private readonly ISessionTokens _tokens;
    private readonly IUnitOfWork _unitOfWork;
    private readonly ISessionSockets _sockets;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;

    public StartSessionCommandHandlers(AccountSignIn signIn, ILoginSessionRepository sessions, ISessionTokens tokens, IUnitOfWork unitOfWork, ISessionSockets sockets, IOptions<SessionOptions> options, TimeProvider time)
    {
        _sockets = sockets;
        _signIn = signIn;
        _sessions = sessions;
        _tokens = tokens;
        _unitOfWork = unitOfWork;
        _options = options.Value;
        _time = time;
    }

    public async Task<StartedSession> Handle(StartStaffSessionCommand request, CancellationToken cancellationToken) =>
        await StartAsync(await _signIn.StaffAsync(request.Username, request.Password, cancellationToken), request.ReplacedToken, cancellationToken);

    public async Task<StartedSession> Handle(StartCustomerSessionCommand request, CancellationToken cancellationToken) =>
        await StartAsync(await _signIn.CustomerAsync(request.PhoneNumber, request.Password, cancellationToken), request.ReplacedToken, cancellationToken);

    private async Task<StartedSession> StartAsync(Caller caller, string? replacedToken, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var replaced = string.IsNullOrEmpty(replacedToken) ? null : await _sessions.FindAsync(_tokens.Hash(replacedToken), cancellationToken);
        replaced?.End(now);

        var (token, hash) = _tokens.Create();
        var session = new LoginSession(hash, caller.Participant, now, _options.MaxAge);
        _sessions.Add(session);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        if (replaced is not null)
            _sockets.CloseAll(replaced.Participant, replaced.Id);
        return new StartedSession(new SessionDto(caller.Participant.Type, caller.Participant.Id, caller.DisplayName, session.ExpiresAt), token);
    }
}
