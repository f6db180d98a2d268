using CleanChat.Application.Common.Exceptions;

namespace CleanChat.WebApi.Dialects.Marketplace;

/// <summary>
/// Names a validation problem's fields as this dialect's clients sent them: the core says
/// <c>other_customer_id</c> where the marketplace's body said <c>user2_id</c>. Messages are unchanged.
/// </summary>
internal sealed class WireFieldNames : IEndpointFilter
{
    private readonly IReadOnlyDictionary<string, string> _coreToWire;

    public WireFieldNames(params (string Core, string Wire)[] names) =>
        _coreToWire = names.ToDictionary(n => n.Core, n => n.Wire, StringComparer.Ordinal);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RequestValidationException invalid)
        {
            var renamed = invalid.Errors
                .GroupBy(e => _coreToWire.GetValueOrDefault(e.Key, e.Key))
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
            throw new RequestValidationException(renamed);
        }
    }
}
