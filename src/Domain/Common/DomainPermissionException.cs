namespace CleanChat.Domain.Common;

/// <summary>The actor may see the target but is not the one allowed to do this (editing someone else's message).</summary>
public sealed class DomainPermissionException : DomainRuleViolationException
{
    public DomainPermissionException(string code, string message) : base(code, message)
    {
    }
}
