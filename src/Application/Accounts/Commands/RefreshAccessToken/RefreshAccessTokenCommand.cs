using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanChat.Application.Accounts.Commands.RefreshAccessToken;

/// <summary>
/// Exchanges a refresh token for a new access token and a new refresh token, retiring the old one. Staff
/// and customers each exchange at their own endpoint (<paramref name="AccountType"/>).
/// </summary>
[AllowAnonymous]
public sealed record RefreshAccessTokenCommand(string RefreshToken, ParticipantType AccountType) : IRequest<AccessTokenDto>;

public sealed class RefreshAccessTokenCommandValidator : AbstractValidator<RefreshAccessTokenCommand>
{
    /// <summary>Far longer than the 43 characters the service issues; anything longer is not one of its tokens.</summary>
    public const int MaxTokenLength = 256;

    public RefreshAccessTokenCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(MaxTokenLength);
}

internal sealed class RefreshAccessTokenCommandHandler : IRequestHandler<RefreshAccessTokenCommand, AccessTokenDto>
{
    // One answer for every refusal: the caller learns nothing about which tokens exist or why one failed.
    private const string Refused = "The refresh token is not valid; sign in again.";

    private readonly IRefreshTokenRepository _refreshTokens;
    private readonly ISessionTokens _secrets;
    private readonly IStaffUserRepository _staff;
    private readonly ICustomerRepository _customers;
    private readonly SignInTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<RefreshAccessTokenCommandHandler> _logger;

    public RefreshAccessTokenCommandHandler(IRefreshTokenRepository refreshTokens, ISessionTokens secrets, IStaffUserRepository staff, ICustomerRepository customers,
        SignInTokens tokens, TimeProvider time, ILogger<RefreshAccessTokenCommandHandler> logger)
    {
        _refreshTokens = refreshTokens;
        _secrets = secrets;
        _staff = staff;
        _customers = customers;
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    public async Task<AccessTokenDto> Handle(RefreshAccessTokenCommand request, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var token = await _refreshTokens.FindAsync(_secrets.Hash(request.RefreshToken), cancellationToken);
        if (token is null || token.ParticipantType != request.AccountType)
            throw new UnauthenticatedException(Refused);

        switch (token.StateAt(now))
        {
            case RefreshTokenState.Reused:
                await RevokeStolenFamilyAsync(token, now, cancellationToken);
                throw new UnauthenticatedException(Refused);
            case RefreshTokenState.Revoked or RefreshTokenState.Expired:
                throw new UnauthenticatedException(Refused);
        }

        // The account may have been deactivated since the login: then its tokens end here.
        if (await CallerAsync(token.Participant, cancellationToken) is not { } caller)
        {
            await _refreshTokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
            throw new UnauthenticatedException(Refused);
        }

        try
        {
            return await _tokens.ForExchangeAsync(caller, token, cancellationToken);
        }
        catch (ConflictException)
        {
            // Another request retired the same token between our read and our write: a reuse as well.
            await RevokeStolenFamilyAsync(token, now, cancellationToken);
            throw new UnauthenticatedException(Refused);
        }
    }

    private async Task RevokeStolenFamilyAsync(RefreshToken token, DateTime now, CancellationToken cancellationToken)
    {
        await _refreshTokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
        _logger.LogWarning("Security: a retired refresh token was presented again; revoked its family {FamilyId} ({ParticipantType} {ParticipantId})",
            token.FamilyId, token.ParticipantType, token.ParticipantId);
    }

    private async Task<Caller?> CallerAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        if (participant.Type == ParticipantType.User)
            return await _staff.FindAsync(participant.Id, cancellationToken) is { IsActive: true } user ? AccountCallers.Of(user) : null;
        return await _customers.FindAsync(participant.Id, cancellationToken) is { IsActive: true } customer ? AccountCallers.Of(customer) : null;
    }
}
