namespace CleanChat.Application.Common.Validation;

/// <summary>Which business objects a message may point at.</summary>
public static class EntityReferenceRules
{
    public static readonly IReadOnlySet<string> AllowedTypes =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "appointment", "product", "pack", "service", "request" };
}
