using CleanChat.Application.Accounts;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Identity;

/// <summary>
/// Turns a session cookie's value into the caller it signed in, or null: unknown, ended, idle too long,
/// past its maximum age, or its account closed. A use is recorded (the idle clock restarts) at most once
/// per <see cref="LoginSession.SeenResolution"/>, so a busy page does not write on every request.
/// </summary>
public sealed class SessionAuthenticator
{
    private readonly ChatDbContext _db;
    private readonly WriteGate _writeGate;
    private readonly ISessionTokens _tokens;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;

    public SessionAuthenticator(ChatDbContext db, WriteGate writeGate, ISessionTokens tokens, IOptions<SessionOptions> options, TimeProvider time)
    {
        _db = db;
        _writeGate = writeGate;
        _tokens = tokens;
        _options = options.Value;
        _time = time;
    }

    /// <returns>The caller, when the session ends at the latest, and its id.</returns>
    public async Task<(Caller Caller, DateTime ExpiresAt, long SessionId)?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        // Values of a foreign format are not looked up at all.
        if (string.IsNullOrEmpty(token) || token.Length > 64)
            return null;

        var hash = _tokens.Hash(token);
        var session = await _db.LoginSessions.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        if (session is null || !session.IsValidAt(now, _options.IdleTimeout))
            return null;

        var caller = await CallerOfAsync(session.Participant, cancellationToken);
        if (caller is null)
            return null;

        if (session.NeedsTouch(now))
        {
            using var writing = await _writeGate.EnterAsync(cancellationToken);
            await _db.LoginSessions.Where(s => s.Id == session.Id && s.LastSeenAt < now)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return (caller, session.ExpiresAt, session.Id);
    }

    private async Task<Caller?> CallerOfAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        var id = participant.Id;
        if (participant.Type == ParticipantType.User)
        {
            var user = await _db.StaffUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.IsActive, cancellationToken);
            return user is null ? null : AccountCallers.Of(user);
        }

        var customer = await _db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.IsActive, cancellationToken);
        return customer is null ? null : AccountCallers.Of(customer);
    }
}
