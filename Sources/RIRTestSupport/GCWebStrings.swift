/// The words of the Canada.ca (GCWeb) page chrome in one language, as GCWeb's
/// `sites/includes/i18n-core.liquid` and `sites/includes/i18n.liquid` assign them, with the
/// menu and footer link labels of `sites/gcweb-menu/includes/sitemenu.html` and
/// `sites/footers/includes/footer.html` (github.com/wet-boew/GCWeb, 2026-08).
struct GCWebStrings: Sendable {
    /// `en` or `fr`.
    var lang: String
    /// The other language's code and name, for the language toggle.
    var altLang: String
    var altLanguage: String
    var skipCont: String
    var skipAbout: String
    var language: String
    var goc: String
    var gocAltLang: String
    var search: String
    var searchSite: String
    var menu: String
    var menuBtn: String
    /// The site menu's labels (GCWeb's top-level themes).
    var menuLabels: [String]
    var breadcrumb: String
    /// The breadcrumb trail after "Canada.ca" (IRB pages name their own sections).
    var breadcrumbLabels: [String]
    var pageDetails: String
    var feedback: String
    var shareThisPage: String
    var dateModified: String
    var footerSite: String
    var footerLinks: [String]
    var themeLinks: String
    var gocCorporate: String
    var corporateLinks: [String]
    var wmms: String
    /// The SharePoint site's name, after the page title in `<title>`.
    var siteTitle: String

    /// English.
    static let english = GCWebStrings(
        lang: "en", altLang: "fr", altLanguage: "Français",
        skipCont: "Skip to main content", skipAbout: "Skip to About this site",
        language: "Language selection", goc: "Government of Canada",
        gocAltLang: "<span lang=\"fr\">Gouvernement du Canada</span>",
        search: "Search", searchSite: "Search Canada.ca", menu: "Menu",
        menuBtn: "<span class=\"wb-inv\">Main </span>Menu",
        menuLabels: ["Jobs and the workplace", "Immigration and citizenship", "Travel and tourism",
                     "Business and industry", "Benefits", "Health", "Taxes", "Environment and natural resources",
                     "National security and defence", "Culture, history and sport",
                     "Policing, justice and emergencies", "Transport and infrastructure", "Canada and the world",
                     "Money and finances", "Science and innovation", "Manage life events"],
        breadcrumb: "You are here:",
        breadcrumbLabels: ["Immigration and Refugee Board of Canada", "Country information",
                           "Responses to Information Requests"],
        pageDetails: "Page details", feedback: "Report a problem or mistake on this page",
        shareThisPage: "Share this page", dateModified: "Date modified:", footerSite: "About this site",
        footerLinks: ["All contacts", "Departments and agencies", "About government"],
        themeLinks: "Themes and topics", gocCorporate: "Government of Canada Corporate",
        corporateLinks: ["Social media", "Mobile applications", "About Canada.ca", "Terms and conditions",
                         "Privacy"],
        wmms: "Symbol of the Government of Canada", siteTitle: "Immigration and Refugee Board of Canada")

    /// French.
    static let french = GCWebStrings(
        lang: "fr", altLang: "en", altLanguage: "English",
        skipCont: "Passer au contenu principal", skipAbout: "Passer à «&#160;À propos de ce site&#160;»",
        language: "Sélection de la langue", goc: "Gouvernement du Canada",
        gocAltLang: "<span lang=\"en\">Government of Canada</span>",
        search: "Recherche", searchSite: "Rechercher dans Canada.ca", menu: "Menu",
        menuBtn: "Menu<span class=\"wb-inv\"> principal</span>",
        menuLabels: ["Emplois et milieu de travail", "Immigration et citoyenneté", "Voyage et tourisme",
                     "Entreprises et industrie", "Prestations", "Santé", "Impôts",
                     "Environnement et ressources naturelles", "Sécurité nationale et défense",
                     "Culture, histoire et sport", "Services de police, justice et urgences",
                     "Transport et infrastructure", "Canada et le monde", "Argent et finances",
                     "Science et innovation", "Gérer les événements de la vie"],
        breadcrumb: "Vous êtes ici :",
        breadcrumbLabels: ["Commission de l'immigration et du statut de réfugié du Canada",
                           "Renseignements sur les pays", "Réponses aux demandes d'information"],
        pageDetails: "Détails de la page", feedback: "Signaler un problème ou une erreur sur cette page",
        shareThisPage: "Partager cette page", dateModified: "Date de modification&#160;:",
        footerSite: "À propos de ce site",
        footerLinks: ["Toutes les coordonnées", "Ministères et organismes", "À propos du gouvernement"],
        themeLinks: "Thèmes et sujets", gocCorporate: "Organisation du gouvernement du Canada",
        corporateLinks: ["Médias sociaux", "Applications mobiles", "À propos de Canada.ca", "Avis",
                         "Confidentialité"],
        wmms: "Symbole du gouvernement du Canada",
        siteTitle: "Commission de l'immigration et du statut de réfugié du Canada")
}
