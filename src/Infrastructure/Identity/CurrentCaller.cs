using CleanChat.Application.Common.Security;
using Microsoft.AspNetCore.Http;

namespace CleanChat.Infrastructure.Identity;

/// <summary>The caller of the current scope: the validated token's subject over HTTP, the socket's owner for WebSocket frames, or the service itself for command-line verbs.</summary>
public sealed class CurrentCaller : ICurrentCaller
{
    private readonly IHttpContextAccessor _httpContextAccessor;
    private Caller? _caller;
    private bool _resolved;

    public CurrentCaller(IHttpContextAccessor httpContextAccessor) => _httpContextAccessor = httpContextAccessor;

    public Caller? Caller
    {
        get
        {
            if (!_resolved)
            {
                var user = _httpContextAccessor.HttpContext?.User;
                _caller = user?.Identity?.IsAuthenticated == true ? JwtTokenService.ToCaller(user) : null;
                _resolved = true;
            }

            return _caller;
        }
    }

    public bool IsSystem { get; private set; }

    /// <summary>Sets the caller explicitly: a WebSocket frame runs as the socket's authenticated owner.</summary>
    public void Use(Caller caller)
    {
        _caller = caller;
        _resolved = true;
    }

    /// <summary>Only the command-line verbs call this, in a scope of their own, never inside a request.</summary>
    public void ActAsSystem() => IsSystem = true;
}
