namespace CleanChat.Application.Common.Validation;

/// <summary>Which business objects messages may point at (configuration section <c>EntityReferences</c>).</summary>
public sealed class EntityReferenceOptions
{
    public const string SectionName = "EntityReferences";

    public static readonly IReadOnlyList<string> DefaultTypes = new[] { "appointment", "product", "pack", "service", "request" };

    /// <summary>
    /// Allowed <c>entity_type</c> values; unset means <see cref="DefaultTypes"/>. (Null rather than a default
    /// list: configuration binding appends to a list instead of replacing it.)
    /// </summary>
    public string[]? Types { get; set; }

    public IReadOnlySet<string> AllowedTypes =>
        new HashSet<string>(Types is { Length: > 0 } configured ? configured : DefaultTypes, StringComparer.OrdinalIgnoreCase);
}
