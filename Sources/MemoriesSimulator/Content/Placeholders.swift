import Foundation

/// Fills `{H}`, `{Ct}`… in beat templates with the cast's names in one language.
///
/// `{H}` heroine · `{Hn}` her nickname · `{Hm}` "Miss …" · `{C}` the CEO · `{Ct}` his title
/// ("顾总", "Mr. Gu") · `{Cg}` his given name · `{Cs}` his surname · `{R}` the rival ·
/// `{Rm}` "Miss …" · `{Rs}` her surname · `{S}`/`{St}` the secretary · `{M}`/`{Mt}` the
/// mother-in-law · `{K}` the child · `{D}`/`{Dt}` the doctor · `{F}` the heroine's father ·
/// `{Co}` the company · `{CO}` the company in capitals (slug lines).
struct Placeholders: Sendable {
    private let values: [(String, String)]

    init(cast: DramaCast, language: ContentLanguage) {
        func name(_ part: DramaCast.Part) -> String { cast.member(part).name.text(language) }
        func alias(_ part: DramaCast.Part, _ index: Int) -> String {
            let aliases = cast.member(part).aliases
            return index < aliases.count ? aliases[index].text(language) : name(part)
        }
        let company = cast.company.text(language)
        // Longer keys first so `{Ct}` is not eaten by `{C}`.
        values = [
            ("{Hn}", alias(.heroine, 0)), ("{Hm}", alias(.heroine, 1)), ("{H}", name(.heroine)),
            ("{Ct}", alias(.ceo, 0)), ("{Cg}", alias(.ceo, 2)), ("{Cs}", cast.ceoSurname.text(language)), ("{C}", name(.ceo)),
            ("{Rm}", alias(.rival, 0)), ("{Rs}", cast.rivalSurname.text(language)), ("{R}", name(.rival)),
            ("{St}", alias(.secretary, 0)), ("{S}", name(.secretary)),
            ("{Mt}", alias(.motherInLaw, 0)), ("{M}", name(.motherInLaw)),
            ("{K}", name(.child)),
            ("{Dt}", alias(.doctor, 0)), ("{D}", name(.doctor)),
            ("{F}", name(.father)),
            ("{CO}", language == .chinese ? company : company.uppercased()), ("{Co}", company),
        ]
    }

    func fill(_ template: String) -> String {
        guard template.contains("{") else { return template }
        var text = template
        for (key, value) in values {
            text = text.replacingOccurrences(of: key, with: value)
        }
        return text
    }
}
