using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using MediatR;

namespace CleanChat.Application.Common.Behaviours;

/// <summary>
/// Refuses a write the service cannot answer promptly, before anything else is spent on it: an
/// overloaded service that keeps accepting answers everyone late. Runs ahead of authorization, so a
/// refusal costs almost nothing and says nothing about the chat.
/// </summary>
internal sealed class AdmissionBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    private readonly IWriteAdmission _admission;

    public AdmissionBehaviour(IWriteAdmission admission) => _admission = admission;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IShedUnderLoad && !_admission.TryAdmit(out var retryAfter))
            throw new ServerBusyException(retryAfter);
        return next();
    }
}
