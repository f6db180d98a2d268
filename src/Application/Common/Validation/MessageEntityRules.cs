using System.Linq.Expressions;
using CleanChat.Domain.Chats;
using FluentValidation;

namespace CleanChat.Application.Common.Validation;

/// <summary>Rules for an optional entity reference (<c>entity_type</c>, <c>entity_id</c>, <c>entity_title</c>): all or nothing, of a known type.</summary>
public static class MessageEntityRules
{
    public static void Apply<T>(AbstractValidator<T> validator, EntityReferenceOptions options, Expression<Func<T, string?>> type, Expression<Func<T, long?>> id, Expression<Func<T, string?>> title)
    {
        var typeOf = type.Compile();
        var idOf = id.Compile();

        validator.RuleFor(type).OfKnownEntityType(options)
            .NotNull().When(x => idOf(x) is not null).WithMessage("entity_type is required with entity_id.");
        validator.RuleFor(id)
            .GreaterThan(0).When(x => idOf(x) is not null)
            .NotNull().When(x => typeOf(x) is not null).WithMessage("entity_id is required with entity_type.");
        validator.RuleFor(title).MaximumLength(EntityReference.MaxTitleLength);
    }

    /// <summary>Null, or one of the configured entity types (sending a reference and filtering history alike).</summary>
    public static IRuleBuilderOptions<T, string?> OfKnownEntityType<T>(this IRuleBuilder<T, string?> rule, EntityReferenceOptions options)
    {
        var allowed = options.AllowedTypes;
        return rule.Must(t => t is null || allowed.Contains(t))
            .WithMessage($"entity_type must be one of: {string.Join(", ", allowed.Order())}.");
    }
}
