using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Push.Queries.GetPushPublicKey;

/// <summary>The VAPID public key a browser subscribes with (<c>applicationServerKey</c>); 404 when push is not configured.</summary>
[Authorize]
public sealed record GetPushPublicKeyQuery : IRequest<PushPublicKeyDto>;

public sealed record PushPublicKeyDto(string PublicKey);

internal sealed class GetPushPublicKeyQueryHandler(IPushDelivery push) : IRequestHandler<GetPushPublicKeyQuery, PushPublicKeyDto>
{
    public Task<PushPublicKeyDto> Handle(GetPushPublicKeyQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(new PushPublicKeyDto(push.PublicKey ?? throw new NotFoundException("Push notifications")));
}
