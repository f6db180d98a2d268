using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Security;

namespace CleanChat.WebApi.Dialects.Marketplace;

/// <summary>
/// Marketplace members are CleanChat customers: a staff token on these routes is the wrong kind of caller
/// (403, as the salon API answers one), even on routes whose command would serve staff elsewhere. The
/// commands behind the routes still authorize every request themselves.
/// </summary>
internal sealed class CustomersOnly : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = context.HttpContext.RequestServices.GetRequiredService<ICurrentCaller>().Required();
        return caller.IsStaff
            ? throw new ForbiddenException("The conversations API is for marketplace members (customer accounts), not staff.")
            : next(context);
    }
}
