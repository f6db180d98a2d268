using CleanChat.Application.Common.Exceptions;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanChat.Application.Common.Behaviours;

/// <summary>Outermost behaviour: logs what no one expected, by request name only (bodies may hold passwords).</summary>
internal sealed class UnhandledExceptionBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> _logger;

    public UnhandledExceptionBehaviour(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger) => _logger = logger;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (!IsExpected(ex))
        {
            _logger.LogError(ex, "Request {RequestName} failed unexpectedly", typeof(TRequest).Name);
            throw;
        }
    }

    // Refusals are answers, not failures (the list is Refusal's); a cancelled request is the caller leaving.
    private static bool IsExpected(Exception ex) => ex is OperationCanceledException || Refusal.From(ex) is not null;
}
